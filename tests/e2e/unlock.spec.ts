import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness } from '../harness/server';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

test.use({ harnessOptions: { passphrase: true } });

const demo = demoSubscriber(3);

test('on a computer without a keyring, the person sets a passphrase first and then signs in', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await expect(page.getByRole('heading', { name: 'Защитите данные на этом компьютере' })).toBeVisible();
  await expect(page.getByText('нет системного хранилища ключей')).toBeVisible();

  await page.getByLabel('Фраза-пароль', { exact: true }).fill('коротко');
  await page.getByLabel('Повторите фразу-пароль').fill('коротко');
  await page.getByRole('button', { name: 'Защитить и продолжить' }).click();
  await expect(page.getByRole('alert')).toContainText('не короче 10 символов');

  await page.getByLabel('Фраза-пароль', { exact: true }).fill('белые ночи над невой');
  await page.getByLabel('Повторите фразу-пароль').fill('белые ночи над невой!');
  await page.getByRole('button', { name: 'Защитить и продолжить' }).click();
  await expect(page.getByRole('alert')).toHaveText('Фразы не совпадают');

  await page.getByLabel('Повторите фразу-пароль').fill('белые ночи над невой');
  await page.getByRole('button', { name: 'Защитить и продолжить' }).click();
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
});

test('an existing store asks for its passphrase, and a wrong one is refused', async ({ page }) => {
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-unlock-'));
  try {
    // Yesterday's start set the passphrase…
    const first = await startHarness({ passphrase: true, dataDir: folder });
    const unlocked = await first.host.dispatcher.dispatch({ senderId: 'setup', origin: new URL(first.url).origin }, 'vault.unlock', {
      passphrase: 'белые ночи над невой',
    });
    expect(unlocked).toMatchObject({ ok: true, value: { state: 'open' } });
    await first.close();

    // …today's start asks for it.
    const again = await startHarness({ passphrase: true, dataDir: folder });
    try {
      await page.goto(again.url);
      await expect(page.getByRole('heading', { name: 'Откройте хранилище данных' })).toBeVisible();
      await page.getByLabel('Фраза-пароль', { exact: true }).fill('чёрные ночи над невой');
      await page.getByRole('button', { name: 'Открыть' }).click();
      await expect(page.getByRole('alert')).toHaveText('Фраза-пароль не подходит');
      await page.getByLabel('Фраза-пароль', { exact: true }).fill('белые ночи над невой');
      await page.getByRole('button', { name: 'Открыть' }).click();
      await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
      await signInAs(page, demo.line.msisdn, demo.subscriber.password);
    } finally {
      await page.goto('about:blank');
      await again.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

test('the passphrase can be changed from the cabinet; the next start takes only the new one', async ({ page }) => {
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-unlock-'));
  try {
    const first = await startHarness({ passphrase: true, dataDir: folder });
    try {
      await page.goto(first.url);
      await page.getByLabel('Фраза-пароль', { exact: true }).fill('белые ночи над невой');
      await page.getByLabel('Повторите фразу-пароль').fill('белые ночи над невой');
      await page.getByRole('button', { name: 'Защитить и продолжить' }).click();
      await signInAs(page, demo.line.msisdn, demo.subscriber.password);
      await page.getByRole('link', { name: 'Хранилище данных' }).click();
      await page.getByLabel('Текущая фраза-пароль').fill('не та фраза совсем');
      await page.getByLabel('Новая фраза-пароль').fill('разводные мосты в июне');
      await page.getByLabel('Повторите новую фразу-пароль').fill('разводные мосты в июне');
      await page.getByRole('button', { name: 'Сменить фразу-пароль' }).click();
      await expect(page.getByRole('alert')).toHaveText('Фраза-пароль не подходит');
      await page.getByLabel('Текущая фраза-пароль').fill('белые ночи над невой');
      await page.getByLabel('Новая фраза-пароль').fill('разводные мосты в июне');
      await page.getByLabel('Повторите новую фразу-пароль').fill('разводные мосты в июне');
      await page.getByRole('button', { name: 'Сменить фразу-пароль' }).click();
      await expect(page.getByRole('status')).toHaveText('Фраза-пароль изменена');
    } finally {
      // The app is quit as a person would: its window goes first, so the page is not left asking a
      // server that is gone (that would be a console error that is the test's doing, not the page's).
      await page.goto('about:blank');
      await first.close();
    }
    const again = await startHarness({ passphrase: true, dataDir: folder });
    try {
      await page.goto(again.url);
      await page.getByLabel('Фраза-пароль', { exact: true }).fill('белые ночи над невой');
      await page.getByRole('button', { name: 'Открыть' }).click();
      await expect(page.getByRole('alert')).toHaveText('Фраза-пароль не подходит');
      await page.getByLabel('Фраза-пароль', { exact: true }).fill('разводные мосты в июне');
      await page.getByRole('button', { name: 'Открыть' }).click();
      await signInAs(page, demo.line.msisdn, demo.subscriber.password);
    } finally {
      await page.goto('about:blank');
      await again.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
