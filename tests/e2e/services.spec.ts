import AxeBuilder from '@axe-core/playwright';
import { formatRubles } from '../../shared/money';
import { demoSubscriber, operatorData } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

const anna = demoSubscriber(0);
const extra = operatorData.services.find((service) => service.id === 'extra-5gb')!;
const shown = (kopecks: number) => formatRubles(kopecks, 'ru').replace(/[\u00a0\u202f]/g, ' ');

test('connect a service: the confirmation states the cost, then its package and fee show', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  const dataBefore = Number(await page.getByRole('progressbar', { name: 'Интернет' }).getAttribute('aria-valuemax'));
  await page.getByRole('link', { name: 'Услуги' }).click();

  // Incompatibilities are explained before the click.
  const messengers = page.getByRole('switch', { name: 'Безлимитные мессенджеры' });
  await expect(messengers).toBeDisabled();
  await expect(messengers).toHaveAccessibleDescription('Недоступна: не сочетается с тарифом «Мой онлайн»');

  await page.getByLabel('Поиск по услугам').fill('5 ГБ');
  const catalog = page.getByRole('region', { name: 'Каталог' });
  await expect(catalog.getByRole('switch')).toHaveCount(1);
  await expect(catalog.getByRole('switch', { name: extra.name.ru })).toHaveAttribute('aria-checked', 'false');
  await catalog.getByRole('switch', { name: extra.name.ru }).click();
  const dialog = page.getByRole('dialog', { name: `Подключить «${extra.name.ru}»?` });
  await expect(dialog).toContainText(`Сейчас спишем ${shown(extra.monthlyFee.moscow!)}`);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'подключена' })).toHaveText(`Услуга «${extra.name.ru}» подключена`);
  await expect(page.getByRole('region', { name: 'Подключённые' })).toContainText(extra.name.ru);
  await expect(catalog.getByRole('switch', { name: extra.name.ru })).toHaveAttribute('aria-checked', 'true');

  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('progressbar', { name: 'Интернет' })).toHaveAttribute('aria-valuemax', String(dataBefore + 5120));
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(
    shown(anna.line.openingBalanceKopecks - extra.monthlyFee.moscow!).replace(' ₽', ''),
  );
});

test('disconnect a service after a confirmation', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Услуги' }).click();
  await page.getByRole('button', { name: 'Отключить «Определитель номера»' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'отключена' })).toHaveText('Услуга «Определитель номера» отключена');
  // «Кто звонил» did not go with caller ID; now it can be connected.
  await expect(page.getByRole('switch', { name: 'Кто звонил' })).toBeEnabled();
  await expect(page.getByRole('switch', { name: 'Определитель номера' })).toHaveAttribute('aria-checked', 'false');
});

test('the catalogue shows what is on at a glance: a switch in its state and a «Подключена» badge on each card', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Услуги' }).click();
  const catalog = page.getByRole('region', { name: 'Каталог' });
  // allTextContents() does not wait: the lists are there once the first switch and the first connected card are.
  await expect(catalog.getByRole('switch').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Подключённые' }).getByRole('heading', { level: 3 }).first()).toBeVisible();
  const connected = await page.getByRole('region', { name: 'Подключённые' }).getByRole('heading', { level: 3 }).allTextContents();
  expect(connected.length).toBeGreaterThan(0);
  const switches = catalog.getByRole('switch');
  expect(await switches.count()).toBeGreaterThan(connected.length);
  for (const item of await catalog.getByRole('listitem').all()) {
    const name = (await item.getByRole('heading', { level: 4 }).textContent())!.trim();
    const on = connected.includes(name);
    await expect(item.getByRole('switch', { name })).toHaveAttribute('aria-checked', String(on));
    await expect(item).toContainText(on ? 'Подключена' : 'Не подключена');
  }
  await page.screenshot({ path: 'test-results/services-at-a-glance.png', fullPage: true });
});
