import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { formatRubles } from '../../shared/money';
import { seriousViolations } from './axe';
import { callGate } from './callGate';
import { demoSubscriber, operatorData, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { chooseInAccountMenu, signInAs } from './session';

test.describe.configure({ timeout: 120_000 });

const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));
const anna = demoSubscriber(0);
const dmitry = demoSubscriber(1);
const rules = operatorData.remainders;
const rub = (kopecks: number) => formatRubles(kopecks, 'ru');

async function openRemainders(page: Page, tab?: string): Promise<void> {
  await page.getByRole('link', { name: 'Остатки: обмен и маркет' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Остатки: обмен, подарить, маркет' })).toBeVisible();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

test('minutes are exchanged for gigabytes after a preview of what remains', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openRemainders(page);
  const minutesBefore = await page.getByTestId('left-voice').textContent();
  await page.getByLabel('Сколько гигабайт').fill('2');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  const preview = page.getByTestId('exchange-preview');
  const given = 2 * rules.exchange.minutesPerGigabyteGiven;
  await expect(preview).toContainText(`Отдаёте${given} мин`);
  await expect(preview).toContainText('Получаете2 ГБ');
  await expect(preview).toContainText('Останется после обмена');
  expect(await seriousViolations(page), 'exchange preview').toEqual([]);
  await page.getByRole('button', { name: `Обменять ${given} мин на 2 ГБ` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Готово' })).toContainText(`${given} мин обменяно на 2 ГБ`);
  await expect(page.getByTestId('remainder-packages')).toContainText('Получено обменом: 2 ГБ');
  await expect(page.getByTestId('left-voice')).not.toHaveText(minutesBefore ?? '');
  await expect(page.getByTestId('remainder-moves')).toContainText(`Обмен: −${given} мин, +2 ГБ`);
  await page.screenshot({ path: `${folder}remainders-exchange.png`, fullPage: true });
});

test('gigabytes are given with the code from the phone, bound to the amount and the recipient', async ({ page, harness, context }) => {
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openRemainders(page, 'Подарить гигабайты');
  await page.getByLabel('Номер получателя').fill(typedDigits(dmitry.line.msisdn));
  await page.getByLabel('Сколько гигабайт').fill('3');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await expect(page.getByTestId('share-preview')).toContainText(`Действует у получателя${rules.share.receivedDays} дней`);
  await page.getByRole('button', { name: 'Получить код по SMS' }).click();

  await phone.getByLabel('SIM-карта').selectOption(anna.line.msisdn);
  const sms = phone.getByRole('listitem').first();
  await expect(sms).toContainText(/^Подарить 3 ГБ на \+7 913 \*\*\*-\*\*-43\. Код: \d{4,6}\./);
  const code = /Код: (\d{4,6})\./.exec((await sms.textContent()) ?? '')![1]!;
  await page.getByLabel('Код из SMS').fill(code);
  await page.getByRole('button', { name: 'Подарить 3 ГБ' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Готово' })).toContainText('3 ГБ подарено на +7 913');

  // The recipient sees the gift first in the spending order, and may extend it for the fee.
  const recipient = await context.newPage();
  const gate = await callGate(recipient);
  await openCabinet(recipient, harness);
  await signInAs(recipient, dmitry.line.msisdn, dmitry.subscriber.password);
  await openRemainders(recipient);
  await expect(recipient.getByTestId('remainder-packages')).toContainText('Подарено вам: 3 ГБ');
  // While the extension is on its way only its own button is busy; the exchange form's waits without a spinner.
  const letGo = gate.hold('remainders.extendReceived');
  const extend = recipient.getByRole('button', { name: `Продлить до ${rules.share.extendedDays} дней за ${rub(rules.share.extensionFeeKopecks)}` });
  await extend.click();
  await expect(extend).toHaveAttribute('aria-busy', 'true');
  const calculate = recipient.getByRole('button', { name: 'Рассчитать' });
  await expect(calculate).toBeDisabled();
  await expect(calculate).not.toHaveAttribute('aria-busy', 'true');
  await expect(calculate.locator('.spinner')).toHaveCount(0);
  letGo();
  await expect(recipient.getByRole('status').filter({ hasText: 'продлён' })).toBeVisible();
  await expect(calculate).toBeEnabled();
});

test('a lot is put up, withdrawn, put up again and bought by another subscriber', async ({ page, harness, context }) => {
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password);
  await openRemainders(page, 'Маркет');
  const price = 5 * rules.market.data.minKopecksPerUnit;
  await page.getByLabel('Сколько', { exact: true }).fill('5');
  await page.getByLabel('Цена, ₽').fill(String(price / 100));
  await page.getByRole('button', { name: 'Выставить лот' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Лот выставлен' })).toContainText(`5 ГБ за ${rub(price)}`);
  await expect(page.getByTestId('my-lots')).toContainText('на продаже');
  expect(await seriousViolations(page), 'market').toEqual([]);

  await page.getByRole('button', { name: 'Снять с продажи 5 ГБ' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Снять лот 5 ГБ с продажи?');
  await dialog.getByRole('button', { name: 'Снять с продажи 5 ГБ' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Лот снят' })).toBeVisible();
  await expect(page.getByTestId('my-lots')).toContainText('снят');

  await page.getByLabel('Сколько', { exact: true }).fill('5');
  await page.getByLabel('Цена, ₽').fill(String(price / 100));
  await page.getByRole('button', { name: 'Выставить лот' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Лот выставлен' })).toBeVisible();

  const buyer = await context.newPage();
  await openCabinet(buyer, harness);
  await signInAs(buyer, anna.line.msisdn, anna.subscriber.password);
  await openRemainders(buyer, 'Маркет');
  await buyer.getByRole('button', { name: `Купить 5 ГБ за ${rub(price)}` }).click();
  const confirm = buyer.getByRole('dialog');
  await expect(confirm).toContainText('Деньги спишутся с баланса');
  expect(await seriousViolations(buyer), 'market: confirmation').toEqual([]);
  await confirm.getByRole('button', { name: `Купить 5 ГБ за ${rub(price)}` }).click();
  await expect(buyer.getByRole('status').filter({ hasText: 'Куплено' })).toContainText(`5 ГБ за ${rub(price)}`);
  await expect(buyer.getByTestId('remainder-packages')).toContainText('Куплено на маркете: 5 ГБ');
  await buyer.screenshot({ path: `${folder}remainders-market.png`, fullPage: true });
  await buyer.getByRole('link', { name: 'Главная' }).click();
  await expect(buyer.getByRole('region', { name: 'Баланс' })).toContainText(rub(anna.line.openingBalanceKopecks - price));
});

test('the classic page exchanges gigabytes for minutes in words, with no serious accessibility problems', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'Классический' }).check();
  await page.getByLabel('Номер телефона').fill(typedDigits(anna.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Обмен, подарок и маркет остатков' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Обмен, подарок и маркет остатков' })).toBeVisible();
  expect(await seriousViolations(page), 'classic remainders').toEqual([]);
  await page.getByLabel('Гигабайты на минуты').check();
  await page.getByLabel('Сколько гигабайт').first().fill('1');
  await page.getByRole('button', { name: 'Рассчитать' }).first().click();
  const taken = rules.exchange.minutesPerGigabyteTaken;
  await page.getByRole('button', { name: `Обменять 1 ГБ на ${taken} мин` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Готово' })).toContainText(`1 ГБ обменяно на ${taken} мин`);
  await expect(page.getByTestId('remainder-packages')).toContainText(`Получено обменом: ${taken} мин`);
  await page.screenshot({ path: `${folder}classic-remainders.png`, fullPage: true });
});

test('in English and the dark theme the screen speaks English, with no serious accessibility problems', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await chooseInAccountMenu(page, 'en', 'dark');
  await page.getByRole('link', { name: 'Remainders: exchange & market' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Remainders: exchange, give, market' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What is left' })).toBeVisible();
  await page.getByRole('tab', { name: 'Market' }).click();
  await expect(page.getByRole('heading', { name: 'Remainders market' })).toBeVisible();
  expect(await seriousViolations(page), 'market, English, dark').toEqual([]);
  await page.getByRole('tab', { name: 'Give gigabytes' }).click();
  await expect(page.getByText(`${rules.share.minGigabytes} to ${rules.share.maxGigabytes} GB at a time`)).toBeVisible();
  expect(await seriousViolations(page), 'give, English, dark').toEqual([]);
  await page.screenshot({ path: `${folder}remainders-en-dark.png`, fullPage: true });
});
