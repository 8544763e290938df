import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { chooseInAccountMenu, signInAs } from './session';
import { chooseOption } from './choose';

const screenshot = fileURLToPath(new URL('../fixtures/support-screenshot.png', import.meta.url));

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

test('a support request: articles are suggested while typing, a screenshot goes with it, and the desk answers in the thread', async ({ page, harness }) => {
  // A long walk through the whole section: sign-in, form, thread, reply, close.
  test.slow();
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Поддержка' }).click();
  await expect(page.getByRole('heading', { name: 'Поддержка', level: 1 })).toBeVisible();
  await expect(page.getByText('Обращений пока нет')).toBeVisible();

  // Sending without a topic or text names both fields.
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await expect(page.getByText('Выберите тему обращения')).toBeVisible();
  await expect(page.getByLabel('Опишите вопрос')).toHaveAttribute('aria-invalid', 'true');

  await chooseOption(page, 'Тема обращения', 'SIM-карта и eSIM');
  await page.getByLabel('Опишите вопрос').pressSequentially('Потерял телефон, как заблокировать SIM-карту', { delay: 5 });
  const suggestions = page.getByRole('region', { name: 'Возможно, это поможет' });
  await expect(suggestions.getByText('Потерял телефон: блокировка SIM-карты')).toBeVisible();

  // A text file named like a picture is refused by its bytes; a real PNG shows a preview.
  await page.getByLabel('Скриншот (необязательно)').setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
  await expect(page.getByText('Файл «screen.png» — не изображение PNG, JPEG или WebP')).toBeVisible();
  await page.getByLabel('Скриншот (необязательно)').setInputFiles(screenshot);
  await expect(page.getByRole('img', { name: 'Скриншот support-screenshot.png' })).toBeVisible();
  await expect(page.getByText('не изображение PNG')).toHaveCount(0);

  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const thread = page.getByRole('region', { name: 'Обращение: SIM-карта и eSIM' });
  await expect(thread).toBeVisible();
  await expect(thread.getByText('Есть ответ').first()).toBeVisible();
  await expect(thread.getByText('Служба поддержки')).toBeVisible();
  await expect(thread.getByText(/Ваше обращение получено/)).toBeVisible();
  await expect(thread.getByText('Скриншот приложен к обращению.')).toBeVisible();
  await thread.getByText('Потерял телефон: блокировка SIM-карты', { exact: true }).click();
  await expect(thread.getByText(/Первые 30 дней блокировка бесплатна/)).toBeVisible();
  await thread.getByRole('button', { name: /Показать скриншот support-screenshot\.png/ }).click();
  await expect(thread.getByRole('img', { name: 'Скриншот support-screenshot.png' })).toBeVisible();

  const list = page.getByRole('region', { name: 'Мои обращения' });
  await expect(list.getByRole('button', { name: /Потерял телефон, как заблокировать SIM-карту/ })).toContainText('Есть ответ');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: 'tests/e2e/screenshots/support.png', fullPage: true });

  // The subscriber answers; the desk answers again; then the request is closed.
  await thread.getByLabel('Ваш ответ').fill('Спасибо, а как потом получить новую SIM-карту?');
  await thread.getByRole('button', { name: 'Ответить' }).click();
  await expect(thread.getByRole('status')).toHaveText('Ответ отправлен');
  await expect(thread.getByText(/ваше сообщение добавлено к обращению/)).toBeVisible();
  await thread.getByRole('button', { name: 'Закрыть обращение' }).click();
  await expect(thread.getByText('Закрыто').first()).toBeVisible();
  await expect(thread.getByText('Обращение закрыто. Если вопрос остался, создайте новое.')).toBeVisible();
  await expect(thread.getByLabel('Ваш ответ')).toHaveCount(0);

  // A retried click does not make a second request: the list has exactly one.
  await expect(list.getByRole('listitem')).toHaveCount(1);
});

test('the knowledge base is searched by word forms, in Russian and in English', async ({ page, harness }) => {
  const demo = demoSubscriber(1);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Поддержка' }).click();
  const kb = page.getByRole('region', { name: 'Частые вопросы' });
  await kb.getByLabel('Поиск по базе знаний').fill('роуминге за границей');
  await expect(kb.locator('summary').first()).toHaveText('Связь за границей: международный роуминг');
  await kb.getByLabel('Поиск по базе знаний').fill('зюзюбликс');
  await expect(kb.getByText('Ничего не нашлось. Попробуйте другие слова или напишите нам')).toBeVisible();

  // In English the articles and the form speak English, and English words find them.
  await chooseInAccountMenu(page, 'en');
  const english = page.getByRole('region', { name: 'Common questions' });
  await english.getByLabel('Search the knowledge base').fill('lost phone');
  await expect(english.locator('summary').first()).toHaveText('Lost your phone: blocking the SIM card');
  await expect(page.getByRole('heading', { name: 'New request' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the support page, a thread and the form's errors have no serious accessibility problems (${colorScheme})`, async ({ page, harness }) => {
    const demo = demoSubscriber(2);
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await signInAs(page, demo.line.msisdn, demo.subscriber.password);
    await page.getByRole('link', { name: 'Поддержка' }).click();
    await expect(page.getByRole('heading', { name: 'Частые вопросы' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await expect(page.getByLabel('Тема обращения')).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);

    await chooseOption(page, 'Тема обращения', 'Мобильный интернет');
    await page.getByLabel('Опишите вопрос').fill('Не работает мобильный интернет, какие настройки APN?');
    await expect(page.getByRole('region', { name: 'Возможно, это поможет' })).toBeVisible();
    await page.getByRole('button', { name: 'Отправить обращение' }).click();
    await expect(page.getByRole('region', { name: 'Обращение: Мобильный интернет' })).toBeVisible();
    await expect(page.getByText('Служба поддержки')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
