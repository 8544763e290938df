import { fileURLToPath } from 'node:url';
import { seriousViolations } from './axe';
import { demoById } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));

test('a ban on transfers is said before the form is filled, and the form cannot be filled', async ({ page, harness }) => {
  // Игорь Балтийский's SIM is blocked: no transfer can leave his number, whatever the recipient and amount.
  const igor = demoById('igor-baltic');
  await openCabinet(page, harness);
  await signInAs(page, igor.line.msisdn, igor.subscriber.password!);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByRole('tab', { name: 'Мобильный перевод' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Мобильный перевод' });
  await expect(panel.getByTestId('transfer-unavailable')).toHaveText('Переводы недоступны: SIM-карта заблокирована');
  await expect(panel.getByLabel('Номер получателя')).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Рассчитать' })).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${folder}transfer-ban-light.png`, fullPage: true });
});

test('a line that may transfer sees no ban and an enabled form', async ({ page, harness }) => {
  const dmitry = demoById('dmitry-sokolov');
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password!);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByRole('tab', { name: 'Мобильный перевод' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Мобильный перевод' });
  await expect(panel.getByRole('button', { name: 'Рассчитать' })).toBeEnabled();
  await expect(panel.getByTestId('transfer-unavailable')).toHaveCount(0);
});
