import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { formatRubles } from '../../shared/money';
import { formatRussianNumber } from '../../shared/phone';
import { demoSubscriber, operatorData, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';

// Each test walks several pages as a person would; on a loaded machine that takes longer than the default 30 s.
test.describe.configure({ timeout: 180_000 });

const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));
const anna = demoSubscriber(0);
const annaSecond = anna.subscriber.lines[1]!;
const marina = demoSubscriber(4);
const extra = operatorData.services.find((service) => service.id === 'extra-5gb')!;
const rub = (kopecks: number) => formatRubles(kopecks, 'ru');
const nextYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

/** On the sign-in screen: «Интерфейс» → «классический», then sign in by password, as a person would. */
async function signInClassic(page: Page, msisdn: string, password: string): Promise<void> {
  await page.getByRole('radio', { name: 'Классический' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-interface', 'classic');
  await page.getByLabel('Номер телефона').fill(typedDigits(msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' }).getByRole('listitem').first()).toBeVisible();
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Разделы', exact: true });

async function openPage(page: Page, link: string, heading = link): Promise<void> {
  await menu(page).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

test('the classic interface is chosen on the sign-in screen, remembered for the computer, and says balance, tariff and remainders in words', async ({
  page,
  harness,
  context,
}) => {
  await openCabinet(page, harness);
  await signInClassic(page, anna.line.msisdn, anna.subscriber.password);

  await expect(page).toHaveURL(/#\/classic$/);
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(`На счёте ${rub(anna.line.openingBalanceKopecks)}`);
  await expect(page.getByRole('region', { name: 'Тариф' })).toContainText(`Тариф «${anna.tariff.name.ru}», ${rub(anna.tariff.monthlyFee[anna.subscriber.regionId]!)} в месяц.`);
  const remainders = page.getByRole('region', { name: 'Остатки пакетов' }).getByRole('listitem');
  await expect(remainders).toHaveCount(3);
  await expect(remainders.filter({ hasText: /^Минуты:/ })).toHaveText(/^Минуты: осталось [\d\s]+ мин из [\d\s]+ мин\./);
  await expect(remainders.filter({ hasText: /^Интернет:/ })).toHaveText(/^Интернет: осталось [\d\s,]+ [ГМ]Б из [\d\s,]+ [ГМ]Б\./);
  await expect(remainders.filter({ hasText: /^SMS:/ })).toHaveText(/^SMS: осталось [\d\s]+ SMS из [\d\s]+ SMS\./);
  const minutes = /^(Минуты: осталось .+? из .+?)\./.exec((await remainders.filter({ hasText: /^Минуты:/ }).textContent())!)![1]!;

  // Another window of this computer opens with the classic choice already made.
  const other = await context.newPage();
  await openCabinet(other, harness);
  await expect(other.getByRole('radio', { name: 'Классический' })).toBeChecked();
  await expect(other.locator('html')).toHaveAttribute('data-interface', 'classic');

  // The settings at the foot of the page switch back: the new main page shows the same figures from the same store.
  // A click, not .check(): the classic page, and this control with it, goes away (.check() would wait to see it checked).
  await page.getByRole('group', { name: 'Настройки' }).getByRole('radio', { name: 'Новый' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('progressbar', { name: 'Минуты' })).toHaveAttribute('aria-valuetext', minutes);
  await expect(page.locator('html')).toHaveAttribute('data-interface', 'new');
  // And from «Профиль и настройки» of the new view, back to the classic main page.
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Профиль и настройки' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Разделы', exact: true })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Классический' }).click();
  await expect(page).toHaveURL(/#\/classic$/);
  await expect(page.getByRole('navigation', { name: 'Разделы', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
  // Support is a page of the classic view too.
  await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Поддержка' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Поддержка' })).toBeVisible();
  await expect(page).toHaveURL(/#\/classic\/support$/);
});

test('in the classic view a service is connected and disconnected, each after a worded confirmation', async ({ page, harness }) => {
  const fee = extra.monthlyFee.moscow!;
  await openCabinet(page, harness);
  await signInClassic(page, anna.line.msisdn, anna.subscriber.password);
  await openPage(page, 'Услуги');

  const connected = page.getByRole('region', { name: 'Подключённые услуги' });
  await expect(connected).not.toContainText(extra.name.ru);
  await page.getByRole('button', { name: `Подключить «${extra.name.ru}»` }).click();
  const dialog = page.getByRole('dialog', { name: `Подключить «${extra.name.ru}»?` });
  await expect(dialog).toContainText(`Сейчас спишем ${rub(fee)}`);
  await dialog.getByRole('button', { name: 'Да, подключить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'подключена' })).toHaveText(`Услуга «${extra.name.ru}» подключена`);
  await expect(connected).toContainText(extra.name.ru);

  await openPage(page, 'Главная');
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(`На счёте ${rub(anna.line.openingBalanceKopecks - fee)}`);

  await openPage(page, 'Услуги');
  await page.getByRole('button', { name: `Отключить «${extra.name.ru}»` }).click();
  // «Нет» leaves everything as it was.
  await page.getByRole('dialog').getByRole('button', { name: 'Нет, не менять' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(connected).toContainText(extra.name.ru);
  await page.getByRole('button', { name: `Отключить «${extra.name.ru}»` }).click();
  await page.getByRole('dialog', { name: `Отключить «${extra.name.ru}»?` }).getByRole('button', { name: 'Да, отключить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'отключена' })).toHaveText(`Услуга «${extra.name.ru}» отключена`);
  await expect(connected).not.toContainText(extra.name.ru);
  await expect(page.getByRole('region', { name: 'Можно подключить' }).getByRole('button', { name: `Подключить «${extra.name.ru}»` })).toBeEnabled();
});

test('in the classic view the balance is topped up with the test card, and a promised payment is taken', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInClassic(page, anna.line.msisdn, anna.subscriber.password);
  await openPage(page, 'Пополнить счёт', 'Пополнить счёт картой');
  await expect(page.getByText(`Баланс сейчас: ${rub(anna.line.openingBalanceKopecks)}`)).toBeVisible();
  await page.getByLabel('Сумма, ₽').fill('500');
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByRole('button', { name: `Пополнить на ${rub(50_000)}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toContainText(`Баланс пополнен на ${rub(50_000)}`);
  await expect(page.getByText(`Баланс сейчас: ${rub(anna.line.openingBalanceKopecks + 50_000)}`)).toBeVisible();

  await openPage(page, 'Обещанный платёж');
  await expect(page.getByText(`Вам доступно до ${rub(45_000)}.`)).toBeVisible();
  await page.getByLabel('Сумма, ₽').fill('100');
  await expect(page.getByText('Без комиссии', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: `Взять обещанный платёж ${rub(10_000)}` }).click();
  await expect(page.getByText(`Обещанный платёж ${rub(10_000)} зачислен`)).toBeVisible();
  await expect(page.getByText(`Баланс сейчас: ${rub(anna.line.openingBalanceKopecks + 60_000)}`)).toBeVisible();

  await openPage(page, 'Главная');
  const balance = page.getByRole('region', { name: 'Баланс' });
  await expect(balance).toContainText(`На счёте ${rub(anna.line.openingBalanceKopecks + 60_000)}`);
  await expect(balance).toContainText(`Обещанный платёж: вернуть ${rub(10_000)}`);
});

test('in the classic view the second number of the profile is opened, and every page follows it', async ({ page, harness }) => {
  const second = formatRussianNumber(annaSecond.msisdn);
  const secondTariff = operatorData.tariffs.find((tariff) => tariff.id === annaSecond.tariffId)!;
  await openCabinet(page, harness);
  await signInClassic(page, anna.line.msisdn, anna.subscriber.password);
  await expect(page.getByRole('banner')).toContainText(`Номер: ${formatRussianNumber(anna.line.msisdn)}`);
  await openPage(page, 'Мои номера');
  const numbers = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) });
  await expect(numbers).toHaveCount(2);
  await expect(numbers.filter({ hasText: formatRussianNumber(anna.line.msisdn) })).toContainText('Этот номер открыт сейчас');
  await page.getByRole('button', { name: `Перейти к номеру ${second}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'перешли' })).toHaveText(`Вы перешли к номеру ${second}`);
  await expect(page.getByRole('banner')).toContainText(`Номер: ${second}`);
  await expect(numbers.filter({ hasText: second })).toContainText('Этот номер открыт сейчас');

  await openPage(page, 'Главная');
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(`На счёте ${rub(annaSecond.openingBalanceKopecks)}`);
  await expect(page.getByRole('region', { name: 'Тариф' })).toContainText(`Тариф «${secondTariff.name.ru}»`);
});

test('in the classic view the SIM is blocked and unblocked with the cabinet password', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInClassic(page, marina.line.msisdn, marina.subscriber.password);
  await openPage(page, 'Блокировка SIM-карты');
  await expect(page.getByText(`SIM-карта номера ${formatRussianNumber(marina.line.msisdn)} работает.`)).toBeVisible();
  await page.getByRole('button', { name: 'Заблокировать SIM-карту' }).click();
  await expect(page.getByLabel('Пароль от личного кабинета')).toHaveAccessibleDescription('Введите пароль от личного кабинета');
  await page.getByLabel('Пароль от личного кабинета').fill('not-the-password');
  await page.getByRole('button', { name: 'Заблокировать SIM-карту' }).click();
  await expect(page.getByLabel('Пароль от личного кабинета')).toHaveAccessibleDescription('Текущий пароль неверен');
  await page.getByLabel('Пароль от личного кабинета').fill(marina.subscriber.password);
  await page.getByRole('button', { name: 'Заблокировать SIM-карту' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'заблокирована' })).toHaveText('SIM-карта заблокирована');
  await expect(page.getByText(/SIM-карта номера .* заблокирована/)).toBeVisible();
  await openPage(page, 'Главная');
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText('Номер заблокирован');

  await openPage(page, 'Блокировка SIM-карты');
  await page.getByLabel('Пароль от личного кабинета').fill(marina.subscriber.password);
  await page.getByRole('button', { name: 'Разблокировать SIM-карту' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'разблокирована' })).toHaveText('SIM-карта разблокирована');
  await expect(page.getByText(`SIM-карта номера ${formatRussianNumber(marina.line.msisdn)} работает.`)).toBeVisible();
});

test('in the classic view a blocked line with a debt is told to unblock the SIM first, not to top up', async ({ page, harness }) => {
  const igor = demoSubscriber(3);
  await openCabinet(page, harness);
  await signInClassic(page, igor.line.msisdn, igor.subscriber.password);
  const balance = page.getByRole('region', { name: 'Баланс' });
  await expect(balance.getByRole('note')).toContainText('SIM-карта заблокирована. Звонки, SMS и интернет не работают');
  await expect(balance.getByRole('note')).toContainText(`После разблокировки пополните счёт: баланс ${rub(igor.line.openingBalanceKopecks)}`);
  await expect(balance).not.toContainText('Отрицательный баланс: пополните счёт, чтобы пользоваться связью');
  await balance.getByRole('link', { name: 'Разблокировать SIM-карту' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Блокировка SIM-карты' })).toBeVisible();
});

test('the classic view works from the keyboard alone: menu, a page, a confirmation', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'Классический' }).check();
  await page.getByLabel('Номер телефона').focus();
  await page.keyboard.type(typedDigits(anna.line.msisdn));
  await page.keyboard.press('Tab');
  await page.keyboard.type(anna.subscriber.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();

  // From the top of the page: the skip link first, then the menu in reading order.
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Перейти к содержимому' })).toBeFocused();
  const services = menu(page).getByRole('link', { name: 'Услуги' });
  for (let presses = 0; presses < 10 && !(await services.evaluate((link) => link === document.activeElement)); presses += 1) await page.keyboard.press('Tab');
  await expect(services).toBeFocused();
  await page.keyboard.press('Enter');
  // The new page's title takes the focus, so a screen reader says where the person is.
  await expect(page.getByRole('heading', { level: 1, name: 'Услуги' })).toBeFocused();
  // A person tabs on once the list is there; the list arriving must not take the focus from the title.
  const firstOff = page.getByRole('button', { name: /^Отключить «/ }).first();
  await expect(firstOff).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Услуги' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(firstOff).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the classic sign-in, main and services pages have no serious accessibility problems (${colorScheme})`, async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await page.getByRole('radio', { name: 'Классический' }).check();
    expect(await seriousViolations(page), 'sign-in').toEqual([]);
    await signInClassic(page, anna.line.msisdn, anna.subscriber.password);
    expect(await seriousViolations(page), 'main').toEqual([]);

    await openPage(page, 'Услуги');
    await expect(page.getByRole('region', { name: 'Можно подключить' }).getByRole('listitem').first()).toBeVisible();
    expect(await seriousViolations(page), 'services').toEqual([]);
    await page.getByRole('button', { name: `Подключить «${extra.name.ru}»` }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await seriousViolations(page), 'services: confirmation').toEqual([]);
  });

  test(`the classic money, SIM and numbers pages have no serious accessibility problems (${colorScheme})`, async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await signInClassic(page, anna.line.msisdn, anna.subscriber.password);

    await openPage(page, 'Пополнить счёт', 'Пополнить счёт картой');
    await expect(page.getByLabel('Номер карты')).toBeVisible();
    await page.getByRole('button', { name: /^Пополнить на/ }).click();
    await expect(page.getByLabel('Номер карты')).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page), 'top-up with field errors').toEqual([]);

    await openPage(page, 'Обещанный платёж');
    await expect(page.getByLabel('Сумма, ₽')).toBeVisible();
    expect(await seriousViolations(page), 'promised payment').toEqual([]);

    await openPage(page, 'Блокировка SIM-карты');
    await expect(page.getByLabel('Пароль от личного кабинета')).toBeVisible();
    expect(await seriousViolations(page), 'SIM').toEqual([]);

    await openPage(page, 'Мои номера');
    await expect(page.getByRole('button', { name: /^Перейти к номеру/ })).toBeVisible();
    expect(await seriousViolations(page), 'numbers').toEqual([]);
  });
}

/** Elements whose own text does not fit their box, or that reach past the right edge of the page. */
function overflowingText(): string[] {
  const found: string[] = [];
  const pageWidth = document.documentElement.clientWidth;
  for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
    const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
    const style = getComputedStyle(element);
    if (!ownText || style.display === 'none' || style.visibility === 'hidden' || element.closest('.visually-hidden')) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const label = `<${element.tagName.toLowerCase()}> "${element.textContent!.trim().slice(0, 40)}"`;
    if (box.right > pageWidth + 1 || box.left < -1) found.push(`${label} reaches past the page (${Math.round(box.left)}–${Math.round(box.right)} of ${pageWidth})`);
    if (style.display !== 'inline' && (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1))
      found.push(`${label} overflows its box (${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight})`);
  }
  if (document.documentElement.scrollWidth > pageWidth + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${pageWidth})`);
  return found;
}

test('at 200 % zoom and at 200 % text size no classic page clips or hides text', async ({ browser, harness }) => {
  // Browser zoom at 200 % on a 1280×800 window lays the page out in 640×400 CSS pixels at two device pixels each.
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, locale: 'ru-RU' });
  const page = await context.newPage();
  await openCabinet(page, harness);
  await signInClassic(page, anna.line.msisdn, anna.subscriber.password);
  await page.screenshot({ path: `${folder}classic-main-200.png`, fullPage: true });
  expect(await page.evaluate(overflowingText), 'main at 200 % zoom').toEqual([]);

  const pages: Array<[string, string?]> = [['Услуги'], ['Пополнить счёт', 'Пополнить счёт картой'], ['Обещанный платёж'], ['Блокировка SIM-карты'], ['Мои номера'], ['Главная']];
  for (const [link, heading] of pages) {
    await openPage(page, link, heading);
    await expect(page.getByRole('status').filter({ hasText: 'Загружаем' })).toHaveCount(0);
    expect(await page.evaluate(overflowingText), `${link} at 200 % zoom`).toEqual([]);
  }

  // Text-only scaling (the system's or the browser's font size) at the full window width.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%', 'important'));
  for (const [link, heading] of pages) {
    await openPage(page, link, heading);
    await expect(page.getByRole('status').filter({ hasText: 'Загружаем' })).toHaveCount(0);
    expect(await page.evaluate(overflowingText), `${link} at 200 % text`).toEqual([]);
  }
  await page.screenshot({ path: `${folder}classic-main-text-200.png`, fullPage: true });
  await context.close();
});
