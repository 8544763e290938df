import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

test('usage detail: filter by kind and export CSV', async ({ page, harness }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Детализация' }).click();
  await expect(page.getByRole('region', { name: 'Итого за период' })).toContainText('Звонки:');
  const rows = page.getByRole('region', { name: 'Операции' }).getByRole('row');
  const allRows = await rows.count();
  expect(allRows).toBeGreaterThan(5);

  await page.getByLabel('Что показать').selectOption('sms');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect.poll(() => rows.count()).toBeLessThan(allRows);
  for (const text of await page.getByRole('region', { name: 'Операции' }).locator('tbody td:nth-child(2)').allTextContents()) expect(text).toBe('SMS');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Скачать CSV' }).click();
  const file = await (await download).path();
  const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('time;kind;what;quantity;amount_rub');
  expect(lines.length - 1).toBe((await rows.count()) - 1);
  expect(lines.slice(1).every((line) => line.split(';')[1] === 'sms')).toBe(true);
});

test('a backwards range is an error naming the field', async ({ page, harness }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Детализация' }).click();
  await page.getByLabel('С', { exact: true }).fill('2026-11-20');
  await page.getByLabel('По', { exact: true }).fill('2026-11-01');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByRole('alert')).toHaveText('Проверьте поле «По»: дата «По» не раньше даты «С», диапазон — не больше года');
});
