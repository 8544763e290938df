import { contract } from '../../shared/contract/index';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';

test('window.cabinet offers exactly the contract methods and typed events, nothing else', async ({ page, harness }) => {
  await openCabinet(page, harness);
  const shape = await page.evaluate(() =>
    Object.fromEntries(
      Object.entries(window.cabinet).map(([key, value]) => [key, typeof value === 'function' ? 'function' : Object.keys(value as object).sort()]),
    ),
  );
  const expected = Object.fromEntries(Object.entries(contract).map(([area, methods]) => [area, Object.keys(methods).sort()]));
  expect(shape).toEqual({ ...expected, on: 'function' });
  expect(await page.evaluate(() => Object.isFrozen(window.cabinet))).toBe(true);
});

test('a malformed call gets VALIDATION naming the field, and the next good call works', async ({ page, harness }) => {
  const demo = demoSubscriber(1);
  await openCabinet(page, harness);
  const malformed = await page.evaluate(() =>
    (window.cabinet.auth.signInWithPassword as unknown as (input: unknown) => Promise<unknown>)({ phone: 42, password: 'x' }),
  );
  expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'phone' }] } } });
  const good = await page.evaluate(
    ([phone, password]) => window.cabinet.auth.signInWithPassword({ phone: phone!, password: password! }),
    [demo.line.msisdn, demo.subscriber.password],
  );
  expect(good).toMatchObject({ ok: true, value: { msisdn: demo.line.msisdn } });
});

test('no password, hash or session token reaches the page', async ({ page, harness }) => {
  const demo = demoSubscriber(0);
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await openCabinet(page, harness);
  await page.getByLabel('Номер телефона').fill(demo.line.msisdn.slice(2));
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  expect(frames.length).toBeGreaterThan(2);
  const received = frames.join('\n');
  expect(received).not.toContain(demo.subscriber.password);
  expect(received).not.toContain('scrypt$');
  expect(received).not.toMatch(/ses_[0-9a-f-]{36}/);
});
