import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { formatRubles } from '../../shared/money';
import { seriousViolations } from './axe';
import { demoById, operatorData } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const rub = (kopecks: number) => plain(formatRubles(kopecks, 'ru'));

// Ольга Ким, Vladivostok: 45 ₽ on the balance and «Мой разговор» at 450 ₽. Her billing day is moved to two days
// from today in her region, so the fee falls due in two days (issue 22: she saw nothing).
const olga = demoById('olga-kim');
const olgaFee = operatorData.tariffs.find((tariff) => tariff.id === olga.line.tariffId)!.monthlyFee.vladivostok!;
const inTwoDays = DateTime.now().setZone('Asia/Vladivostok').plus({ days: 2 });
const olgaData = structuredClone(operatorData);
olgaData.demoSubscribers.find((subscriber) => subscriber.id === 'olga-kim')!.lines[0]!.billingDay = inTwoDays.day <= 28 ? inTwoDays.day : 1;

test.describe('a balance that will not cover the next charge', () => {
  test.use({ harnessOptions: { operatorData: olgaData } });

  for (const [colorScheme, width] of [['light', 1440], ['dark', 900]] as const) {
    test(`45 ₽ against a 450 ₽ fee in two days: a banner with «Пополнить» and «Обещанный платёж» (${colorScheme}, ${width} px)`, async ({ page, harness }) => {
      expect([olga.line.openingBalanceKopecks, olgaFee]).toEqual([4500, 45000]);
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await openCabinet(page, harness);
      await signInAs(page, olga.line.msisdn, olga.subscriber.password!);
      const banner = page.getByRole('region', { name: /^Не хватает/ });
      await expect(banner).toBeVisible();
      expect(plain(await banner.getByRole('heading').innerText())).toMatch(new RegExp(`^Не хватает ${rub(olgaFee - 4500)} для списания \\d+ \\S+$`));
      if (inTwoDays.day <= 28) await expect(banner).toContainText('через 2 дня');
      await expect(banner).toContainText(`На счёте ${rub(4500)}`, { useInnerText: true });
      await expect(banner.getByRole('link', { name: 'Пополнить' })).toBeVisible();
      await expect(banner.getByRole('link', { name: 'Обещанный платёж' })).toBeVisible();
      await expect(page.getByTestId('next-charge')).toContainText(rub(olgaFee), { useInnerText: true });
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${folder}dashboard-shortfall-${colorScheme}-${width}.png`, fullPage: true });
      await banner.getByRole('link', { name: 'Обещанный платёж' }).click();
      await expect(page.getByRole('tab', { name: 'Обещанный платёж' })).toHaveAttribute('aria-selected', 'true');
    });
  }
});

test('the next charge counts the connected services, and every time on the screen says its zone', async ({ page, harness }) => {
  // Дмитрий Соколов, Novosibirsk (МСК+4): «Безлимит+» plus «Музыка».
  const dmitry = demoById('dmitry-sokolov');
  const tariffFee = operatorData.tariffs.find((tariff) => tariff.id === dmitry.line.tariffId)!.monthlyFee.novosibirsk!;
  const musicFee = operatorData.services.find((service) => service.id === 'music')!.monthlyFee.novosibirsk!;
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password!);
  const balance = page.getByRole('region', { name: 'Баланс' });
  await expect(page.getByTestId('next-charge')).toContainText(rub(tariffFee + musicFee), { useInnerText: true });
  await expect(balance).toContainText(`Тариф ${rub(tariffFee)} + услуги ${rub(musicFee)}`, { useInnerText: true });
  await expect(page.getByRole('region', { name: /^Не хватает/ })).toHaveCount(0);
  const recent = page.getByRole('region', { name: 'Последние операции' });
  await expect(recent.getByRole('listitem').first()).toBeVisible();
  await expect(recent.locator('time').first()).toHaveText(/\d{2}:\d{2} МСК\+4$/);
  // The rings say what is left with its plural and until when the package lasts.
  const rings = page.getByRole('region', { name: 'Остатки пакетов' });
  await expect(rings.getByText(/· до \d{2}\.\d{2}$/)).toHaveCount(3);
  await expect(rings.getByRole('progressbar', { name: 'Минуты' })).toBeVisible();
  await page.screenshot({ path: `${folder}dashboard-services-light-1440.png`, fullPage: true });
});

test('a blocked SIM says so first and leads to unblocking it, not to topping up', async ({ page, harness }) => {
  // Игорь Балтийский: SIM blocked after a lost phone, −23,40 ₽.
  const igor = demoById('igor-baltic');
  await page.setViewportSize({ width: 900, height: 800 });
  await openCabinet(page, harness);
  await signInAs(page, igor.line.msisdn, igor.subscriber.password!);
  const banner = page.getByRole('region', { name: 'SIM-карта заблокирована' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('разблокируйте её в разделе «Безопасность»');
  await expect(page.getByText('Отрицательный баланс: пополните счёт, чтобы пользоваться связью')).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^Не хватает/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(`\u221223,40`, { useInnerText: true });
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText('абонентская плата не списывается');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${folder}dashboard-blocked-light-900.png`, fullPage: true });
  await banner.getByRole('link', { name: 'Разблокировать SIM-карту' }).click();
  await expect(page.getByRole('button', { name: 'Разблокировать SIM-карту' })).toBeVisible();
});
