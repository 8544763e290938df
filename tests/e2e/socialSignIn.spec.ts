import type { Page } from '@playwright/test';
import { demoById } from './demoData';
import { expect, test } from './fixtures';

/** VK ID's stand-in: a real OpenID provider on loopback; the person signs in there in "the system browser". */
test.use({ withVkProvider: true });

const linked = demoById('dmitry-sokolov');
const socialAlert = (page: Page) => page.getByRole('region', { name: 'Или войдите через' }).getByRole('alert');
const vkSubject = linked.subscriber.socialIdentities[0]!.subject;

test('VK ID signs in a subscriber who linked it: PKCE, loopback redirect, state checked', async ({ page, context, harness }) => {
  await page.goto(harness.url);
  // Issue 22: the ways not set up on this computer are not shown to subscribers (the diagnostics screen lists them).
  await expect(page.getByRole('button', { name: /Одноклассники|Facebook/ })).toHaveCount(0);
  await expect(page.getByText(/— не настроен/)).toHaveCount(0);
  await page.getByRole('button', { name: 'VK ID', exact: true }).click();
  await expect(page.getByText('Продолжите вход в браузере (VK ID)…')).toBeVisible();

  const authorizationUrl = new URL(await harness.nextBrowserUrl());
  expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorizationUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  const browser = await context.newPage();
  await browser.goto(authorizationUrl.toString());
  await browser.locator('input[name="login"]').fill(vkSubject);
  await browser.locator('input[name="password"]').fill('any');
  await browser.getByRole('button', { name: 'Sign-in' }).click();
  await browser.getByRole('button', { name: 'Continue' }).click();
  await expect(browser.getByRole('heading', { name: 'Готово' })).toBeVisible();

  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  await expect(page.getByText(linked.tariff.name.ru, { exact: true })).toBeVisible();
});

test('an identity nobody linked gets "link it in your profile first"', async ({ page, context, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'VK ID', exact: true }).click();
  const browser = await context.newPage();
  await browser.goto(await harness.nextBrowserUrl());
  await browser.locator('input[name="login"]').fill('vk-id-nobody');
  await browser.locator('input[name="password"]').fill('any');
  await browser.getByRole('button', { name: 'Sign-in' }).click();
  await browser.getByRole('button', { name: 'Continue' }).click();
  await expect(socialAlert(page)).toHaveText('Этот аккаунт VK ID не привязан к номеру. Сначала привяжите его в профиле');
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
});

test('a redirect whose state does not match is refused', async ({ page, request, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'VK ID', exact: true }).click();
  const authorizationUrl = new URL(await harness.nextBrowserUrl());
  // Someone else's browser (or a forged link) hits our loopback redirect with a code and a wrong state.
  const redirect = new URL(authorizationUrl.searchParams.get('redirect_uri')!);
  redirect.search = new URLSearchParams({ code: 'forged', state: 'not-the-state' }).toString();
  await request.get(redirect.toString());
  await expect(socialAlert(page)).toHaveText('Ответ браузера не совпал с запросом — вход остановлен. Попробуйте ещё раз');
  expect(await page.evaluate(() => window.cabinet.auth.currentSession({}))).toEqual({ ok: true, value: null });
});

test('an error from the provider is said, and cancel stops the wait', async ({ page, request, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'VK ID', exact: true }).click();
  const authorizationUrl = new URL(await harness.nextBrowserUrl());
  const redirect = new URL(authorizationUrl.searchParams.get('redirect_uri')!);
  redirect.search = new URLSearchParams({ error: 'access_denied', state: authorizationUrl.searchParams.get('state')! }).toString();
  await request.get(redirect.toString());
  await expect(socialAlert(page)).toHaveText('VK ID не подтвердил вход. Попробуйте ещё раз');

  await page.getByRole('button', { name: 'VK ID', exact: true }).click();
  await harness.nextBrowserUrl();
  await page.getByRole('button', { name: 'Отменить' }).click();
  await expect(socialAlert(page)).toHaveText('Вход через VK ID отменён');
});

test('the provider verifies PKCE: a code is worthless without the app’s code verifier', async ({ page, context, harness, oidcProvider }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'VK ID', exact: true }).click();
  const authorizationUrl = new URL(await harness.nextBrowserUrl());
  const redirectUri = authorizationUrl.searchParams.get('redirect_uri')!;
  // The app stops listening, so the code the provider issues is never redeemed by it…
  await page.getByRole('button', { name: 'Отменить' }).click();
  const browser = await context.newPage();
  await browser.goto(authorizationUrl.toString());
  await browser.locator('input[name="login"]').fill(vkSubject);
  await browser.locator('input[name="password"]').fill('any');
  await browser.getByRole('button', { name: 'Sign-in' }).click();
  const redirect = browser.waitForResponse((response) => (response.headers()['location'] ?? '').startsWith(redirectUri));
  await browser.getByRole('button', { name: 'Continue' }).click().catch(() => undefined);
  const code = new URL((await redirect).headers()['location']!).searchParams.get('code')!;
  expect(code).toBeTruthy();

  // …and whoever holds it cannot redeem it without the verifier, with a wrong one, or with none.
  const redeem = (extra: Record<string, string>) =>
    fetch(oidcProvider!.config.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: oidcProvider!.config.clientId, ...extra }),
    });
  const withoutVerifier = await redeem({});
  expect(withoutVerifier.status).toBe(400);
  const wrongVerifier = await redeem({ code_verifier: 'a'.repeat(43) });
  expect(wrongVerifier.status).toBe(400);
  expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });
});
