import { parseCard } from '../../../shared/card';
import { DomainError } from '../../core/errors';
import { toPayment } from '../../core/money/paymentHistory';
import type { AreaProcedures, Procedures } from '../procedure';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** «Платежи»: top-ups by card and wallet, transfers, the promised payment, history and receipts, autopay. */
export const paymentProcedures = (procedure: Procedures): AreaProcedures<'payments'> => ({
  'payments.options': procedure.signedIn(async (_input, { core, line }) => core.topUps.options(line.id)),
  'payments.topUpByCard': procedure.signedIn(
    async ({ amountKopecks, card, savedCardId, remember, idempotencyKey }, { core, line, kiosk }) => {
      if (remember) kiosk.refuse('remembering a card');
      // The contract checked the form; the core judges the expiry by the app's clock.
      const parsed = card ? parseCard(card, null) : null;
      if (card && !parsed) throw new DomainError('VALIDATION', 'card: a valid card', { fields: [{ field: 'card', expected: 'a valid card' }] });
      const payment = await core.topUps.byCard(line.id, {
        amountKopecks,
        ...(parsed ? { card: parsed } : {}),
        ...(savedCardId !== undefined ? { savedCardId } : {}),
        remember,
        idempotencyKey,
      });
      return toPayment(payment);
    },
    { changesLine: true },
  ),
  'payments.confirmChallenge': procedure.signedIn(async ({ paymentId, code }, { core, line }) => toPayment(await core.topUps.confirmChallenge(line.id, paymentId, code)), { changesLine: true }),
  'payments.confirmInBankWindow': procedure.signedIn(
    async ({ paymentId }, { core, line, deps, windowId }) => {
      const page = await core.topUps.confirmationPage(line.id, paymentId);
      if (page) {
        if (!deps.bankPages) throw new DomainError('NOT_CONFIGURED', "this computer has no window for the bank's page", { service: 'card-payments' });
        await deps.bankPages.show({ windowId, paymentId, ...page });
      }
      // Whatever the page said, the acquirer's status is what counts.
      return toPayment(await core.topUps.checkStatus(line.id, paymentId));
    },
    { changesLine: true },
  ),
  'payments.cancelBankWindow': procedure.signedIn(async ({ paymentId }, { deps, windowId }) => ({ closed: deps.bankPages?.close(windowId, paymentId) ?? false })),
  'payments.checkStatus': procedure.signedIn(async ({ paymentId }, { core, line }) => toPayment(await core.topUps.checkStatus(line.id, paymentId)), { changesLine: true }),
  // Nothing moved yet: the wallet asks its owner first.
  'payments.topUpByWallet': procedure.signedIn(async ({ walletId, amountKopecks, idempotencyKey }, { core, line }) => toPayment(await core.topUps.byWallet(line.id, walletId, amountKopecks, idempotencyKey))),
  'payments.confirmWallet': procedure.signedIn(async ({ paymentId, approve }, { core, line }) => toPayment(await core.topUps.confirmWallet(line.id, paymentId, approve)), { changesLine: true }),
  'payments.forgetCard': procedure.signedIn(async ({ cardId }, { core, line }) => core.topUps.forgetCard(line.id, cardId)),
  'payments.previewTransfer': procedure.signedIn(async ({ to, amountKopecks }, { core, line }) => core.transfers.preview(line.id, to, amountKopecks)),
  'payments.startTransfer': procedure.signedIn(async ({ to, amountKopecks, idempotencyKey }, { core, line }) => {
    const started = await core.transfers.start(line.id, to, amountKopecks, idempotencyKey);
    return { payment: toPayment(started.payment), codeExpiresAt: iso(started.codeExpiresAt), codeLength: core.codeLength };
  }),
  'payments.confirmTransfer': procedure.signedIn(
    async ({ paymentId, code }, { core, line, lineChanged }) => {
      const { payment, recipient } = await core.transfers.confirm(line.id, paymentId, code);
      if (recipient) lineChanged(recipient);
      return toPayment(payment);
    },
    { changesLine: true },
  ),
  'payments.promisedOffer': procedure.signedIn(async (_input, { core, line }) => core.promisedPayments.offer(line.id)),
  'payments.takePromised': procedure.signedIn(async ({ amountKopecks, idempotencyKey }, { core, line }) => core.promisedPayments.take(line.id, amountKopecks, idempotencyKey), { changesLine: true }),
  'payments.history': procedure.signedIn(async ({ filter, from, to }, { core, line }) => core.paymentHistory.list(line.id, filter, from, to)),
  'payments.receipt': procedure.signedIn(async ({ paymentId }, { core, line }) => core.paymentHistory.receipt(line.id, paymentId)),
  'payments.autopay': procedure.signedIn(async (_input, { core, line }) => core.autopay.get(line.id)),
  'payments.setAutopay': procedure.signedIn(async (setting, { core, line }) => core.autopay.set(line.id, setting), { changesLine: true }),
  'payments.pauseAutopay': procedure.signedIn(async ({ paused }, { core, line }) => core.autopay.pause(line.id, paused), { changesLine: true }),
  'payments.removeAutopay': procedure.signedIn(async (_input, { core, line }) => core.autopay.remove(line.id)),
});
