import { contract } from '../../shared/contract/index';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signOutThroughMenu } from './session';

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

test('no code, PUK, password, hash or session token reaches the cabinet page', async ({ page, harness, context }) => {
  const demo = demoSubscriber(0);
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await openCabinet(page, harness);
  await page.getByLabel('Номер телефона').fill(demo.line.msisdn.slice(2));
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  await signOutThroughMenu(page);

  // A code sign-in and a PUK sign-in too; the code is read on the phone page, the other device.
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await page.getByRole('tab', { name: 'По коду из SMS' }).click();
  await page.getByLabel('Номер телефона').fill(demo.line.msisdn.slice(2));
  await page.getByRole('button', { name: 'Получить код' }).click();
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  const sms = (await phone.getByRole('listitem').first().textContent()) ?? '';
  const code = /\b(\d{6})\b/.exec(sms)![1]!;
  await page.getByLabel('Код из SMS').fill(code);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  await signOutThroughMenu(page);
  await page.getByRole('tab', { name: 'По PUK-коду' }).click();
  await page.getByLabel('Номер телефона').fill(demo.line.msisdn.slice(2));
  await page.getByLabel('PUK-код', { exact: true }).fill(demo.line.puk);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Задайте пароль' })).toBeVisible();

  expect(frames.length).toBeGreaterThan(5);
  const received = frames.join('\n');
  for (const secret of [demo.subscriber.password, demo.line.puk, sms]) expect(received).not.toContain(secret);
  expect(received).not.toContain(`"${code}"`);
  expect(received).not.toContain('scrypt$');
  expect(received).not.toMatch(/ses_[0-9a-f-]{36}/);
});
