import type { Locator, Page } from '@playwright/test';
import { formatRubles } from '../../shared/money';
import { formatRussianNumber } from '../../shared/phone';
import { callGate } from './callGate';
import { demoSubscriber, operatorData, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';
import { bundledContentData } from '../../electron/store/seed/contentData';

/**
 * Issue 22, «every button shows it is pending», in lists: while a row's call is held at the harness, that row's button
 * is busy (aria-busy, a spinner) and every other button of the list waits (disabled) without claiming to be busy.
 */
test.describe.configure({ timeout: 120_000 });

const anna = demoSubscriber(0);
const dmitry = demoSubscriber(1);
const rub = (kopecks: number) => formatRubles(kopecks, 'ru');
const nextYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

async function expectBusy(button: Locator): Promise<void> {
  await expect(button).toHaveAttribute('aria-busy', 'true');
  await expect(button).toBeDisabled();
  await expect(button.locator('.spinner')).toBeVisible();
}

async function expectWaitingOnly(button: Locator): Promise<void> {
  await expect(button).toBeDisabled();
  await expect(button).not.toHaveAttribute('aria-busy', 'true');
  await expect(button.locator('.spinner')).toHaveCount(0);
}

async function expectIdle(button: Locator): Promise<void> {
  await expect(button).toBeEnabled();
  await expect(button).not.toHaveAttribute('aria-busy', 'true');
}

async function signedIn(page: Page, harness: { url: string }, msisdn: string, password: string) {
  const gate = await callGate(page);
  await page.goto(harness.url);
  await signInAs(page, msisdn, password);
  return gate;
}

test('«Мои номера»: only the number being switched to shows its button busy; the attach form waits', async ({ page, harness }) => {
  const gate = await signedIn(page, harness, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Мои номера' }).click();
  const other = anna.subscriber.lines[1]!.msisdn;
  const go = page.getByRole('button', { name: `Перейти к номеру ${formatRussianNumber(other)}` });
  await expectIdle(go);

  const letGo = gate.hold('numbers.switch');
  await go.click();
  await expectBusy(go);
  await expectWaitingOnly(page.getByRole('button', { name: 'Получить код на этот номер' }));
  await page.screenshot({ path: 'test-results/pending-numbers.png' });
  letGo();
  await expect(page.getByRole('status').filter({ hasText: formatRussianNumber(other) })).toBeVisible();
});

test('«Безопасность»: ending one session spins only that session’s button', async ({ page, harness, context }) => {
  for (let i = 0; i < 2; i += 1) {
    const elsewhere = await context.newPage();
    await openCabinet(elsewhere, harness);
    await signInAs(elsewhere, dmitry.line.msisdn, dmitry.subscriber.password);
  }
  const gate = await signedIn(page, harness, dmitry.line.msisdn, dmitry.subscriber.password);
  await page.getByRole('link', { name: 'Безопасность' }).click();
  const sessions = page.getByRole('region', { name: 'Активные сеансы' });
  const ends = sessions.getByRole('button', { name: /^Завершить сеанс на устройстве/ });
  await expect(ends).toHaveCount(2);

  const letGo = gate.hold('security.endSession');
  await ends.nth(1).click();
  await expectBusy(ends.nth(1));
  await expectWaitingOnly(ends.nth(0));
  await expectWaitingOnly(sessions.getByRole('button', { name: 'Завершить все другие сеансы' }));
  await expectWaitingOnly(page.getByRole('button', { name: 'Сменить пароль' }));
  await page.screenshot({ path: 'test-results/pending-sessions.png' });
  letGo();
  await expect(ends).toHaveCount(1);
  await expectIdle(ends.first());
});

test('«Подписки и запреты»: the subscription being cancelled spins, the other one waits', async ({ page, harness }) => {
  const content = bundledContentData();
  const name = (id: string) => content.providers.flatMap((provider) => provider.subscriptions).find((candidate) => candidate.id === id)!.name.ru;
  const gate = await signedIn(page, harness, anna.subscriber.lines[1]!.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Подписки и запреты' }).click();
  const list = page.getByRole('region', { name: 'Платные подписки' });
  const ringtones = list.getByRole('button', { name: `Отключить «${name('ringtones-week')}»` });
  const news = list.getByRole('button', { name: `Отключить «${name('news-sms')}»` });
  await expectIdle(news);

  const letGo = gate.hold('subscriptions.cancel');
  await ringtones.click();
  await expectBusy(ringtones);
  await expectWaitingOnly(news);
  letGo();
  await expect(ringtones).toHaveCount(0);
  await expectIdle(news);
});

test('autopay: pausing spins «Приостановить» only, not «Отключить автоплатёж» or the rule’s save', async ({ page, harness }) => {
  const gate = await signedIn(page, harness, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByLabel('Запомнить карту для следующих платежей').check();
  await page.getByRole('button', { name: /^Пополнить/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toBeVisible();
  await page.getByRole('tab', { name: 'Автоплатёж' }).click();
  await page.getByLabel('Сумма, ₽').fill('300');
  const save = page.getByRole('button', { name: 'Сохранить автоплатёж' });
  await save.click();
  await expect(page.getByText(`Автоплатёж включён: ${rub(30_000)} с карты Visa •• 1111`)).toBeVisible();

  const letGo = gate.hold('payments.pauseAutopay');
  const pause = page.getByRole('button', { name: 'Приостановить' });
  await pause.click();
  await expectBusy(pause);
  await expectWaitingOnly(page.getByRole('button', { name: 'Отключить автоплатёж' }));
  await expectWaitingOnly(save);
  await page.screenshot({ path: 'test-results/pending-autopay.png' });
  letGo();
  await expect(page.getByText(/Автоплатёж приостановлен/)).toBeVisible();
  await expectIdle(page.getByRole('button', { name: 'Возобновить' }));
});

test('a saved card: removing it spins its own button, and «Пополнить» only waits', async ({ page, harness }) => {
  const gate = await signedIn(page, harness, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByLabel('Запомнить карту для следующих платежей').check();
  const pay = page.getByRole('button', { name: /^Пополнить/ });
  await pay.click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toBeVisible();

  const letGo = gate.hold('payments.forgetCard');
  const remove = page.getByRole('button', { name: 'Удалить карту Visa •• 1111' });
  await remove.click();
  await expectBusy(remove);
  await expectWaitingOnly(pay);
  letGo();
  await expect(remove).toHaveCount(0);
  await expectIdle(pay);
});

test('the remainders market: the lot being withdrawn spins in its row and in the dialog, the other lot waits', async ({ page, harness }) => {
  const rules = operatorData.remainders;
  const gate = await signedIn(page, harness, dmitry.line.msisdn, dmitry.subscriber.password);
  await page.getByRole('link', { name: 'Остатки: обмен и маркет' }).click();
  await page.getByRole('tab', { name: 'Маркет' }).click();
  for (const amount of [5, 6]) {
    await page.getByLabel('Сколько', { exact: true }).fill(String(amount));
    await page.getByLabel('Цена, ₽').fill(String((amount * rules.market.data.minKopecksPerUnit) / 100));
    await page.getByRole('button', { name: 'Выставить лот' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Лот выставлен' })).toContainText(`${amount} ГБ`);
  }
  const mine = page.getByTestId('my-lots');
  const five = mine.getByRole('button', { name: 'Снять с продажи 5 ГБ' });
  const six = mine.getByRole('button', { name: 'Снять с продажи 6 ГБ' });

  const letGo = gate.hold('remainders.withdrawLot');
  await five.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Снять с продажи 5 ГБ' }).click();
  await expect(dialog.getByRole('button', { name: 'Загрузка…' })).toHaveAttribute('aria-busy', 'true');
  await expectBusy(five);
  await expectWaitingOnly(six);
  await expectWaitingOnly(page.getByRole('button', { name: 'Выставить лот' }));
  letGo();
  await expect(page.getByRole('status').filter({ hasText: 'Лот снят' })).toBeVisible();
  await expect(five).toHaveCount(0);
  await expectIdle(six);
});

test('the classic view: the subscription being cancelled is busy, the other one and the bans’ buttons only wait', async ({ page, harness }) => {
  const content = bundledContentData();
  const name = (id: string) => content.providers.flatMap((provider) => provider.subscriptions).find((candidate) => candidate.id === id)!.name.ru;
  const gate = await callGate(page);
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'Классический' }).check();
  await page.getByLabel('Номер телефона').fill(typedDigits(anna.subscriber.lines[1]!.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Подписки, запреты и бюджет' }).click();
  const ringtones = page.getByRole('button', { name: `Отключить «${name('ringtones-week')}»` });
  const news = page.getByRole('button', { name: `Отключить «${name('news-sms')}»` });
  await expectIdle(news);

  const letGo = gate.hold('subscriptions.cancel');
  await ringtones.click();
  // The classic view draws no spinner (nothing moves there): the button says it is busy and waits.
  await expect(ringtones).toHaveAttribute('aria-busy', 'true');
  await expect(ringtones).toBeDisabled();
  await expectWaitingOnly(news);
  await expectWaitingOnly(page.getByRole('button', { name: 'Включить: Запрет контентных услуг' }));
  letGo();
  await expect(ringtones).toHaveCount(0);
  await expectIdle(news);
});
