import AxeBuilder from '@axe-core/playwright';
import { formatRubles } from '../../shared/money';
import { demoById, operatorData } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

const dmitry = demoById('dmitry-sokolov');
const target = operatorData.tariffs.find((tariff) => tariff.id === 'start')!;
const targetFee = target.monthlyFee[dmitry.subscriber.regionId]!;
const shown = (kopecks: number) => formatRubles(kopecks, 'ru').replace(/[\u00a0\u202f]/g, ' ');

test('changing the tariff: the preview says what happens, then the switch charges the fee once', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password!);
  await page.getByRole('link', { name: 'Тариф и остатки' }).click();
  await expect(page.getByRole('region', { name: 'Ваш тариф' })).toContainText(dmitry.tariff.name.ru);
  await expect(page.getByRole('button', { name: `Перейти на «${operatorData.tariffs.find((t) => t.id === 'klassicheskiy')!.name.ru}»` })).toHaveCount(0);

  await page.getByRole('region', { name: 'Тарифы вашего региона' }).getByRole('button', { name: `Перейти на «${target.name.ru}»` }).click();
  const dialog = page.getByRole('dialog', { name: `Переход на тариф «${target.name.ru}»` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Сейчас спишем абонентскую плату: ${shown(targetFee)}`);
  await expect(dialog).toContainText(`Баланс после перехода: ${shown(dmitry.line.openingBalanceKopecks - targetFee)}`);
  await expect(dialog).toContainText('Перестанут действовать остатки текущего тарифа');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await dialog.getByRole('button', { name: 'Перейти', exact: true }).dblclick();
  await expect(page.getByRole('status').filter({ hasText: 'Тариф изменён' })).toHaveText(`Тариф изменён на «${target.name.ru}»`);
  await expect(page.getByRole('region', { name: 'Ваш тариф' })).toContainText(target.name.ru);
  await expect(page.getByRole('progressbar', { name: 'Минуты' })).toHaveAttribute('aria-valuenow', String(target.packages.voice));

  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(shown(dmitry.line.openingBalanceKopecks - targetFee).replace(' ₽', ''));
});

test('a tariff the balance cannot pay is explained before the click, not after', async ({ page, harness }) => {
  const premium = operatorData.tariffs.find((tariff) => tariff.id === 'premium')!;
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password!);
  await page.getByRole('link', { name: 'Тариф и остатки' }).click();
  await page.getByRole('region', { name: 'Тарифы вашего региона' }).getByRole('button', { name: `Перейти на «${premium.name.ru}»` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('На балансе не хватает');
  await expect(dialog.getByRole('button', { name: 'Перейти', exact: true })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('the advisor names the cheapest tariff for a subscriber who pays for far more than she uses, one click to switch', async ({ page, harness }) => {
  const marina = demoById('marina-itelmen');
  const cheapest = operatorData.tariffs.find((tariff) => tariff.id === 'moy-onlayn')!;
  await openCabinet(page, harness);
  await signInAs(page, marina.line.msisdn, marina.subscriber.password!);
  await page.getByRole('link', { name: 'Тариф и остатки' }).click();
  const advisor = page.getByRole('region', { name: 'Подбор тарифа по вашему расходу' });
  await expect(advisor.getByRole('status')).toContainText(`Переход на «${cheapest.name.ru}» сэкономит около`);
  const best = advisor.getByRole('row').nth(1);
  await expect(best.getByRole('rowheader')).toContainText(cheapest.name.ru);
  await expect(best.getByRole('rowheader')).toContainText('выгоднее всего');
  await best.getByRole('button', { name: `Перейти на «${cheapest.name.ru}»` }).click();
  await expect(page.getByRole('dialog', { name: `Переход на тариф «${cheapest.name.ru}»` })).toBeVisible();
});
