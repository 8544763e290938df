import type { Page } from '@playwright/test';
import { formatRubles } from '../../shared/money';
import { demoSubscriber, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs, switchNumber } from './session';

const anna = demoSubscriber(0);
const dmitry = demoSubscriber(1);
const rub = (kopecks: number) => formatRubles(kopecks, 'ru');
const nextYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

async function openPayments(page: Page, tab?: string): Promise<void> {
  await page.getByRole('link', { name: 'Платежи' }).click();
  await expect(page.getByRole('heading', { name: 'Платежи' })).toBeVisible();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

async function payByCard(page: Page, rubles: string, number: string): Promise<void> {
  await page.getByLabel('Сумма, ₽').fill(rubles);
  await page.getByLabel('Номер карты').fill(number);
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByRole('button', { name: /^Пополнить/ }).click();
}

async function balanceOnHome(page: Page) {
  await page.getByRole('link', { name: 'Главная' }).click();
  return page.getByRole('region', { name: 'Баланс' });
}

async function codeFromPhone(phone: Page, msisdn: string): Promise<string> {
  await phone.getByLabel('SIM-карта').selectOption(msisdn);
  const newest = phone.getByRole('listitem').first();
  // The transfer's code names what it confirms: the amount and the masked recipient.
  await expect(newest).toContainText(/^Перевод [\d\s]+ ₽ на \+7 \d{3} \*\*\*-\*\*-\d{2}\. Код: \d{4,6}\. Никому не сообщайте\./);
  return /Код: (\d{4,6})\./.exec((await newest.textContent()) ?? '')![1]!;
}

test('a card top-up moves the balance, and its receipt shows only the last four digits', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page);
  await payByCard(page, '500', '4111 1111 1111 1111');
  const done = page.getByRole('status').filter({ hasText: 'Баланс пополнен' });
  await expect(done).toContainText(`Баланс пополнен на ${rub(50_000)}`);
  // Issue 22: the form starts over (no card data left on screen, no red CVC), and the outcome is in view.
  await expect(page.getByLabel('Номер карты')).toHaveValue('');
  await expect(page.getByLabel('Срок действия (ММ/ГГ)')).toHaveValue('');
  await expect(page.getByLabel('CVC/CVV')).toHaveValue('');
  for (const label of ['Номер карты', 'Срок действия (ММ/ГГ)', 'CVC/CVV']) await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#card-top-up .field__error')).toHaveCount(0);
  await expect(done).toBeInViewport();
  await page.screenshot({ path: 'test-results/card-paid-form-reset.png' });

  await page.getByRole('button', { name: 'Чек' }).click();
  const receipt = page.getByRole('dialog');
  await expect(receipt.getByRole('heading', { name: /^Чек №/ })).toBeVisible();
  await expect(receipt).toContainText('Visa •• 1111');
  await expect(receipt).toContainText('Пополнение картой');
  await expect(receipt).not.toContainText('4111 1111');
  await receipt.getByRole('button', { name: 'Закрыть' }).click();

  await expect(await balanceOnHome(page)).toContainText(rub(anna.line.openingBalanceKopecks + 50_000));
});

test('a declined card says why and the balance stays; the 3-D Secure card asks for the code', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page);
  await payByCard(page, '300', '4000 0000 0000 9995');
  await expect(page.getByRole('alert').filter({ hasText: 'Платёж не прошёл' })).toContainText('на карте недостаточно средств');

  await payByCard(page, '300', '4000 0000 0000 3220');
  const challenge = page.getByRole('dialog', { name: 'Подтверждение платежа банком' });
  await expect(challenge).toContainText(`оплату ${rub(30_000)}`);
  await challenge.getByLabel('Код подтверждения от банка').fill('1234');
  await challenge.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toContainText(rub(30_000));

  await expect(await balanceOnHome(page)).toContainText(rub(anna.line.openingBalanceKopecks + 30_000));
});

test('card fields say what is wrong as the person types, before anything is sent', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page);
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1112');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill('0120');
  await page.getByLabel('CVC/CVV').focus();
  await expect(page.getByLabel('Номер карты')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Проверьте номер карты')).toBeVisible();
  await expect(page.getByText('карта не должна быть просрочена')).toBeVisible();
  // Issue 22: an error gives way as soon as the field is edited.
  await page.getByLabel('Номер карты').pressSequentially('0');
  await expect(page.getByLabel('Номер карты')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText('Проверьте номер карты')).toHaveCount(0);
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1112');
  await page.getByLabel('Сумма, ₽').fill('5');
  await page.getByRole('button', { name: /^Пополнить/ }).click();
  await expect(page.getByText(`Введите сумму от ${rub(1_000)} до ${rub(1_500_000)}`)).toBeVisible();
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByText('Платежей за этот период нет')).toBeVisible();
});

test('an e-wallet payment is confirmed on the wallet’s page', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page, 'Кошельком');
  await page.getByLabel('ЮMoney').check();
  await page.getByLabel('Сумма, ₽').fill('250');
  await page.getByRole('button', { name: 'Перейти к оплате' }).click();
  const wallet = page.getByRole('dialog', { name: 'ЮMoney — тестовый режим' });
  await expect(wallet).toContainText(rub(25_000));
  await wallet.getByRole('button', { name: 'Оплатить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toContainText(rub(25_000));
  await expect(await balanceOnHome(page)).toContainText(rub(anna.line.openingBalanceKopecks + 25_000));
});

test('a transfer to another number is confirmed with the code from the phone and arrives there', async ({ page, harness, context }) => {
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password);
  await openPayments(page, 'Мобильный перевод');
  await page.getByLabel('Номер получателя').fill(typedDigits(anna.line.msisdn));
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await expect(page.getByText('Комиссия', { exact: true })).toBeVisible();
  await expect(page.locator('dl')).toContainText(rub(500));
  await expect(page.locator('dl')).toContainText(rub(10_500));
  await page.getByRole('button', { name: 'Получить код для подтверждения' }).click();
  await page.getByLabel('Код из SMS').fill(await codeFromPhone(phone, dmitry.line.msisdn));
  await page.getByRole('button', { name: `Перевести ${rub(10_000)}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Перевод выполнен' })).toBeVisible();
  await expect(await balanceOnHome(page)).toContainText(rub(dmitry.line.openingBalanceKopecks - 10_500));

  // The recipient, in her own window, sees it arrive.
  const recipient = await context.newPage();
  await openCabinet(recipient, harness);
  await signInAs(recipient, anna.line.msisdn, anna.subscriber.password);
  await expect(recipient.getByRole('region', { name: 'Баланс' })).toContainText(rub(anna.line.openingBalanceKopecks + 10_000));
  await openPayments(recipient, 'История');
  await expect(recipient.getByRole('row').filter({ hasText: 'Перевод с номера' })).toContainText(`+${rub(10_000)}`);
});

test('a promised payment is taken, shown on the main screen, and repaid by the next top-up', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page, 'Обещанный платёж');
  await expect(page.getByText(`Вам доступно до ${rub(45_000)}.`)).toBeVisible();
  await page.getByLabel('Сумма, ₽').fill('200');
  await expect(page.getByText(`Комиссия: ${rub(2_000)}`)).toBeVisible();
  await page.getByLabel('Сумма, ₽').fill('100');
  await expect(page.getByText('Без комиссии', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: `Взять обещанный платёж ${rub(10_000)}` }).click();
  await expect(page.getByText(`Обещанный платёж ${rub(10_000)} зачислен`)).toBeVisible();
  await expect(page.getByText('уже есть непогашенный обещанный платёж')).toBeHidden();

  const balance = await balanceOnHome(page);
  await expect(balance).toContainText(rub(anna.line.openingBalanceKopecks + 10_000));
  await expect(balance).toContainText(`Обещанный платёж: вернуть ${rub(10_000)}`);

  await openPayments(page, 'Картой');
  await payByCard(page, '200', '4111 1111 1111 1111');
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toBeVisible();
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Погашение обещанного платежа' })).toContainText(rub(-10_000));

  const after = await balanceOnHome(page);
  await expect(after).toContainText(rub(anna.line.openingBalanceKopecks + 20_000));
  await expect(after).not.toContainText('Обещанный платёж');
});

test('a remembered card pays again without its number, and autopay tops up when the balance is below the threshold', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page);
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByLabel('Запомнить карту для следующих платежей').check();
  await page.getByRole('button', { name: /^Пополнить/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toBeVisible();
  const saved = page.getByRole('radio', { name: /^Visa •• 1111, до 12\// });
  await expect(saved).toBeChecked();
  await page.getByLabel('Сумма, ₽').fill('50');
  await page.getByRole('button', { name: `Пополнить на ${rub(5_000)}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toContainText(rub(5_000));

  const balanceNow = anna.line.openingBalanceKopecks + 15_000;
  await page.getByRole('tab', { name: 'Автоплатёж' }).click();
  await expect(page.getByRole('combobox', { name: 'Карта' })).toHaveText('Visa •• 1111');
  await page.getByLabel('Сумма, ₽').fill('300');
  await page.getByLabel('Когда баланс ниже порога').check();
  await page.getByLabel('Порог баланса, ₽').fill(String(balanceNow / 100 + 1));
  await page.getByRole('button', { name: 'Сохранить автоплатёж' }).click();
  await expect(page.getByText(`Автоплатёж включён: ${rub(30_000)} с карты Visa •• 1111`)).toBeVisible();
  await page.getByRole('button', { name: 'Приостановить' }).click();
  await expect(page.getByText(/Автоплатёж приостановлен/)).toBeVisible();

  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Пополнение картой (автоплатёж)' })).toContainText(`+${rub(30_000)}`);
  await expect(await balanceOnHome(page)).toContainText(rub(balanceNow + 30_000));
});

test('money moves between two numbers of one profile: the other number is one tap away, and the switcher shows it arrive', async ({ page, harness, context }) => {
  const second = anna.subscriber.lines[1]!;
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openPayments(page, 'Мобильный перевод');
  await page.getByRole('group', { name: 'Номера вашего профиля' }).getByRole('button', { name: '+7 900 765-43-21' }).click();
  await expect(page.getByLabel('Номер получателя')).toHaveValue('+7 (900) 765-43-21');
  await page.getByLabel('Сумма, ₽').fill('50');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await page.getByRole('button', { name: 'Получить код для подтверждения' }).click();
  await page.getByLabel('Код из SMS').fill(await codeFromPhone(phone, anna.line.msisdn));
  await page.getByRole('button', { name: `Перевести ${rub(5_000)}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Перевод выполнен' })).toBeVisible();

  await switchNumber(page, second.msisdn);
  await expect(await balanceOnHome(page)).toContainText(rub(second.openingBalanceKopecks + 5_000));
});
