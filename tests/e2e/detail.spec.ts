import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { demoSubscriber, operatorData } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';
import { chooseOption } from './choose';

test('usage detail: filter by kind and export CSV', async ({ page, harness }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Детализация' }).click();
  await expect(page.getByRole('region', { name: 'Итого за период' })).toContainText('Звонки:');
  const table = page.getByRole('table', { name: 'Операции' });
  const rowCount = async () => Number(await table.getAttribute('aria-rowcount')) - 1;
  const allRows = await rowCount();
  expect(allRows).toBeGreaterThan(5);

  await chooseOption(page, 'Что показать', 'SMS');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect.poll(rowCount).toBeLessThan(allRows);
  const what = table.getByRole('row').locator('[role="cell"]:nth-child(2)');
  await expect(what.first()).toHaveText('SMS');
  for (const text of await what.allTextContents()) expect(text.trim()).toBe('SMS');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // The main side writes the file where the subscriber chose (the harness's save dialog: its exports folder).
  await page.getByRole('button', { name: 'Скачать CSV' }).click();
  const saved = page.getByRole('status').filter({ hasText: /^Файл detail-[\d-]+\.csv сохранён$/ });
  await expect(saved).toBeAttached();
  const name = /detail-[\d-]+\.csv/.exec((await saved.textContent()) ?? '')![0];
  const csv = (await readFile(join(harness.exportsDir, name), 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  // In the app's language (issue 22): Russian headers, the region's local time with its offset and no seconds, a decimal comma.
  expect(lines[0]).toBe('Время;Вид;Что;Количество;Единица;Сумма, ₽');
  expect(lines.length - 1).toBe(await rowCount());
  expect(lines.slice(1).every((line) => line.split(';')[1] === 'SMS')).toBe(true);
  expect(lines.slice(1).every((line) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+03:00;.*;-?\d+,\d{2}$/.test(line))).toBe(true);
});

test('a year of detail exports to PDF with progress shown, and the daily chart has its figures as a table', async ({ page, harness }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Детализация' }).click();
  const today = new Date();
  const yearAgo = new Date(today.getTime() - 364 * 86_400_000);
  await page.getByLabel('С', { exact: true }).fill(yearAgo.toISOString().slice(0, 10));
  await page.getByLabel('По', { exact: true }).fill(today.toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByRole('img', { name: 'Расход по дням' })).toBeVisible();
  await page.getByText('Расход по дням таблицей').click();
  await expect(page.getByRole('table').filter({ hasText: 'Звонки, мин' }).getByRole('row')).toHaveCount(366);

  // Made on the main side in a worker: the window shows how far it is, with a way to stop, then names the file.
  await page.getByRole('button', { name: 'Скачать PDF' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Готовим PDF: \d+%|Файл detail-[\d-]+\.pdf сохранён/ }).first()).toBeAttached();
  const saved = page.getByRole('status').filter({ hasText: /^Файл detail-[\d-]+\.pdf сохранён$/ });
  await expect(saved).toBeAttached();
  await expect(page.getByRole('button', { name: 'Остановить' })).toHaveCount(0);
  const name = /detail-[\d-]+\.pdf/.exec((await saved.textContent()) ?? '')![0];
  const pdf = await readFile(join(harness.exportsDir, name));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(10_000);
  expect(pdf.toString('latin1')).toMatch(/\/Type \/Page\b/);
});

const heavyUser = 'heavy-user';
test.describe('a month of 5,000 operations', () => {
  const data = structuredClone(operatorData);
  data.demoSubscribers.push({
    id: heavyUser,
    name: 'Тест Тестович Разговорчивый',
    regionId: 'moscow',
    password: 'Mnogo-Zvonkov-5000',
    socialIdentities: [],
    lines: [
      {
        msisdn: '+79507770001',
        tariffId: 'premium',
        billingDay: 1,
        activatedDaysAgo: 900,
        openingBalanceKopecks: 100_000,
        puk: '12345678',
        services: [],
        status: 'active',
        usage: Array.from({ length: 5000 }, (_, index) => ({ kind: 'sms' as const, periodDay: 1, quantity: 1 + (index % 3) })),
      },
    ],
  });
  test.use({ harnessOptions: { operatorData: data } });

  test('is a virtualized table: the page holds only the rows in view, and scrolling reaches the last', async ({ page, harness }) => {
    await openCabinet(page, harness);
    await signInAs(page, '+79507770001', 'Mnogo-Zvonkov-5000');
    await page.getByRole('link', { name: 'Детализация' }).click();
    const table = page.getByRole('table', { name: 'Операции' });
    await expect.poll(async () => Number(await table.getAttribute('aria-rowcount'))).toBeGreaterThan(5000);
    const total = Number(await table.getAttribute('aria-rowcount'));
    expect(await table.getByRole('row').count()).toBeLessThan(80);
    await table.getByRole('rowgroup').nth(1).evaluate((body) => body.scrollTo({ top: body.scrollHeight }));
    await expect(table.locator(`[role="row"][aria-rowindex="${total}"]`)).toBeVisible();
    expect(await table.getByRole('row').count()).toBeLessThan(80);
  });
  test('an export can be stopped from its progress bar: it says so and leaves no file', async ({ page, harness }) => {
    await openCabinet(page, harness);
    await signInAs(page, '+79507770001', 'Mnogo-Zvonkov-5000');
    await page.getByRole('link', { name: 'Детализация' }).click();
    await expect.poll(async () => Number(await page.getByRole('table', { name: 'Операции' }).getAttribute('aria-rowcount'))).toBeGreaterThan(5000);
    await page.getByRole('button', { name: 'Скачать PDF' }).click();
    await expect(page.getByRole('progressbar', { name: 'Готовность файла PDF' })).toBeVisible();
    await page.getByRole('button', { name: 'Остановить' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Выгрузка остановлена, файл не сохранён' })).toBeAttached();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    expect(await readdir(harness.exportsDir)).toEqual([]);
  });
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
