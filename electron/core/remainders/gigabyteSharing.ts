import type { E164 } from '../../../shared/phone';
import { billingPeriodAt } from '../account/billingPeriod';
import { chargeLine } from '../account/charges';
import type { RolloverMemo } from '../account/packageAllowance';
import type { LineProfile } from '../account/ports';
import type { CodeSubject, OneTimeCodes } from '../auth/oneTimeCodes';
import type { SmsGateway } from '../auth/ports';
import type { Clock } from '../clock';
import { DomainError, requireConfigured } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import type { ShareRecord, SpendableBucket } from './ports';
import { bucketEntry, OPERATOR_SHARING_ACCOUNT, packageEntry, systemEntry } from './remainderLedger';
import { positionOf } from './remainderPosition';
import { KB_PER_GB, type RemainderRules } from './remainderRules';

const DAY_MS = 24 * 60 * 60_000;

export type ShareRefusal =
  | 'same-number'
  | 'not-a-subscriber'
  | 'below-minimum'
  | 'above-maximum'
  | 'period-limit'
  | 'not-enough'
  | 'recipient-has-package'
  | 'insufficient-funds'
  | 'sim-blocked'
  | 'line-restricted';

export interface SharePreview {
  to: E164;
  gigabytes: number;
  feeKopecks: number;
  /** Gigabytes this line may still give in the period, this share included. */
  periodLeftGigabytes: number;
  /** Kilobytes of data left to the sender after the share. */
  dataLeftAfter: number;
  /** How long the recipient may spend it. */
  validDays: number;
  allowed: boolean;
  reason: ShareRefusal | null;
}

/**
 * «Поделиться гигабайтами»: gigabytes of the sender's period package go to another subscriber of the operator as a
 * `received` package that lasts `receivedDays` (remainders.json), one received package at a time. Limits per
 * operation and per period, and a fee where the operator data sets one. Starting sends an SMS code to the
 * sender's phone, bound to the share's id, its gigabytes and its recipient: a code issued for 2 GB to A confirms
 * nothing else. The code moves the gigabytes through the operator's sharing account as one balanced transaction.
 */
export class GigabyteSharing {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: RemainderRules['share'],
    private readonly codes: OneTimeCodes,
    private readonly sms: SmsGateway,
    private readonly rollovers?: RolloverMemo,
  ) {}

  preview(lineId: string, to: E164, gigabytes: number): Promise<SharePreview> {
    return this.uow.read(async (repos) => (await this.evaluate(repos, lineId, to, gigabytes)).preview);
  }

  async start(lineId: string, to: E164, gigabytes: number, idempotencyKey: string): Promise<{ share: ShareRecord; codeExpiresAt: number }> {
    requireConfigured(this.sms, 'sms');
    const key = `share:${lineId}:${idempotencyKey}`;
    const started = await this.uow.write(async (repos): Promise<{ share: ShareRecord; codeExpiresAt: number; send: { msisdn: E164; code: string; challengeId: string } | null }> => {
      const existing = await repos.remainders.shareByKey(key);
      if (existing) {
        const sender = (await repos.account.line(lineId))!;
        const challenge = await this.codes.latest(repos, sender.msisdn, 'share', shareSubject(existing));
        if (existing.state === 'awaiting-confirmation' && (!challenge || (challenge.state === 'active' && challenge.sentAt === null))) {
          const issued = await this.codes.reissueUnsent(repos, sender.msisdn, 'share', shareSubject(existing));
          return { share: existing, codeExpiresAt: issued.challenge.expiresAt, send: { msisdn: sender.msisdn, code: issued.code, challengeId: issued.challenge.id } };
        }
        return { share: existing, codeExpiresAt: challenge?.expiresAt ?? this.clock.now(), send: null };
      }
      const { preview, sender } = await this.evaluate(repos, lineId, to, gigabytes);
      if (!preview.allowed) throw refusalFor(preview, this.rules);
      const share: ShareRecord = {
        id: this.ids.next('share'),
        senderLineId: lineId,
        recipientMsisdn: to,
        gigabytes,
        feeKopecks: preview.feeKopecks,
        state: 'awaiting-confirmation',
        idempotencyKey: key,
        createdAt: new Date(this.clock.now()).toISOString(),
        confirmedAt: null,
      };
      await repos.remainders.addShare(share);
      const issued = await this.codes.issue(repos, sender.msisdn, 'share', shareSubject(share));
      return { share, codeExpiresAt: issued.challenge.expiresAt, send: { msisdn: sender.msisdn, code: issued.code, challengeId: issued.challenge.id } };
    });
    if (started.send) {
      const { msisdn, code, challengeId } = started.send;
      await this.sms.send(msisdn, shareSms(started.share.gigabytes, started.share.recipientMsisdn as E164, code));
      await this.uow.write((repos) => this.codes.markSent(repos, challengeId));
    }
    return { share: started.share, codeExpiresAt: started.codeExpiresAt };
  }

  async confirm(lineId: string, shareId: string, code: string): Promise<{ share: ShareRecord; recipient: E164 | null }> {
    const outcome = await this.uow.write(async (repos) => {
      const share = await repos.remainders.share(shareId);
      if (!share || share.senderLineId !== lineId) throw new DomainError('NOT_FOUND', 'no such share of this line');
      if (share.state !== 'awaiting-confirmation') return { share, recipient: null };
      const sender = (await repos.account.line(lineId))!;
      // The code confirms this share, of these gigabytes to this number, and nothing else.
      const refusal = await this.codes.redeem(repos, sender.msisdn, 'share', code, shareSubject(share));
      if (refusal) return { refusal };
      const now = this.clock.now();
      const at = new Date(now).toISOString();
      // The rules again: the package, the period's total or the recipient's packages may have changed since.
      const { preview, recipient, position } = await this.evaluate(repos, lineId, share.recipientMsisdn as E164, share.gigabytes);
      if (!preview.allowed || !recipient) {
        await repos.remainders.settleShare(share.id, 'failed', at);
        return { refusal: refusalFor(preview, this.rules) };
      }
      if (!(await repos.remainders.settleShare(share.id, 'done', at))) return { share: (await repos.remainders.share(share.id))!, recipient: null };
      const units = share.gigabytes * KB_PER_GB;
      const until = new Date(now + this.rules.receivedDays * DAY_MS).toISOString();
      await repos.remainders.post(
        {
          id: this.ids.next('rtx'),
          kind: 'share',
          idempotencyKey: `share:${share.id}`,
          lineId,
          at,
          entries: [
            packageEntry(lineId, 'data', -units, position.window),
            systemEntry(OPERATOR_SHARING_ACCOUNT, 'data', units),
            systemEntry(OPERATOR_SHARING_ACCOUNT, 'data', -units),
            bucketEntry(recipient.lineId, 'received', 'data', units, at, until),
          ],
        },
        () => this.ids.next('rentry'),
      );
      if (share.feeKopecks > 0) await chargeLine(repos, this.ids, { lineId, kopecks: share.feeKopecks, kind: 'share-fee', idempotencyKey: `share-fee:${share.id}`, at });
      return { share: (await repos.remainders.share(share.id))!, recipient: recipient.msisdn };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    return outcome;
  }

  /**
   * Extends the line's received package to `extendedDays` from when it arrived, for the operator's fee, once: the
   * package's units move to an account that lasts longer, and the fee goes to the operator's revenue.
   */
  async extendReceived(lineId: string, idempotencyKey: string): Promise<{ validUntil: string; feeKopecks: number }> {
    const key = `share-extend:${lineId}:${idempotencyKey}`;
    return this.uow.write(async (repos) => {
      const line = await this.activeLine(repos, lineId);
      const received = (await positionOf(repos, line, this.clock.now(), this.rollovers)).buckets.find((bucket) => bucket.bucket === 'received');
      if (await repos.remainders.hasKey(key)) return { validUntil: received?.validUntil ?? new Date(this.clock.now()).toISOString(), feeKopecks: this.rules.extensionFeeKopecks };
      if (!received) throw new DomainError('NOT_ELIGIBLE', 'there is no received package to extend', { reason: 'no-received-package' });
      const until = new Date(Date.parse(received.validFrom) + this.rules.extendedDays * DAY_MS).toISOString();
      if (received.validUntil >= until) throw new DomainError('NOT_ELIGIBLE', 'the received package is extended already', { reason: 'extended-already' });
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < this.rules.extensionFeeKopecks) throw new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay for the extension', { neededKopecks: this.rules.extensionFeeKopecks });
      const at = new Date(this.clock.now()).toISOString();
      await repos.remainders.post(
        {
          id: this.ids.next('rtx'),
          kind: 'received-extended',
          idempotencyKey: key,
          lineId,
          at,
          entries: [bucketOut(lineId, received), bucketEntry(lineId, 'received', 'data', received.units, received.validFrom, until)],
        },
        () => this.ids.next('rentry'),
      );
      if (this.rules.extensionFeeKopecks > 0) await chargeLine(repos, this.ids, { lineId, kopecks: this.rules.extensionFeeKopecks, kind: 'received-extension', idempotencyKey: key, at });
      return { validUntil: until, feeKopecks: this.rules.extensionFeeKopecks };
    });
  }

  private async activeLine(repos: Repositories, lineId: string): Promise<LineProfile> {
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    if (line.status === 'blocked') throw new DomainError('SIM_BLOCKED', 'the SIM is blocked until it is unblocked');
    return line;
  }

  private async evaluate(repos: Repositories, lineId: string, to: E164, gigabytes: number) {
    const sender = await repos.account.line(lineId);
    if (!sender) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const rules = this.rules;
    const now = this.clock.now();
    const recipientLineId = (await repos.credentials.forNumber(to))?.lineId;
    const recipient = recipientLineId && recipientLineId !== lineId ? await repos.account.line(recipientLineId) : null;
    const position = await positionOf(repos, sender, now, this.rollovers);
    const period = billingPeriodAt(now, sender.region.timeZone, sender.billingDay);
    const givenKb = await repos.remainders.movedOutBy(lineId, 'share', period.fromIso, period.toIso);
    const periodLeft = Math.max(0, rules.perPeriodGigabytes - Math.ceil(givenKb / KB_PER_GB));
    const recipientPackages = recipient ? (await repos.remainders.position(recipient.lineId, period.fromIso, period.fromIso, new Date(now).toISOString())).buckets.filter(isReceived) : [];
    const balance = await repos.account.balanceKopecks(lineId);
    const units = gigabytes * KB_PER_GB;
    const checks: Array<[boolean, ShareRefusal]> = [
      [to === sender.msisdn, 'same-number'],
      [recipient === null, 'not-a-subscriber'],
      [sender.status === 'blocked', 'sim-blocked'],
      [sender.status === 'restricted', 'line-restricted'],
      [gigabytes < rules.minGigabytes, 'below-minimum'],
      [gigabytes > rules.maxGigabytes, 'above-maximum'],
      [gigabytes > periodLeft, 'period-limit'],
      [position.packageLeft.data < units, 'not-enough'],
      [recipientPackages.length >= rules.receivedPackagesAtOnce, 'recipient-has-package'],
      [balance < rules.feeKopecks, 'insufficient-funds'],
    ];
    const reason = checks.find(([failed]) => failed)?.[1] ?? null;
    const dataLeft = position.packageLeft.data + position.buckets.filter((bucket) => bucket.kind === 'data').reduce((sum, bucket) => sum + bucket.units, 0);
    return {
      recipient,
      sender,
      position,
      preview: {
        to,
        gigabytes,
        feeKopecks: rules.feeKopecks,
        periodLeftGigabytes: periodLeft,
        dataLeftAfter: dataLeft - units,
        validDays: rules.receivedDays,
        allowed: reason === null,
        reason,
      } satisfies SharePreview,
    };
  }
}

const isReceived = (bucket: SpendableBucket): boolean => bucket.bucket === 'received';

function bucketOut(lineId: string, bucket: SpendableBucket) {
  return { account: bucket.account, lineId, bucket: bucket.bucket, kind: bucket.kind, units: -bucket.units, validFrom: bucket.validFrom, validUntil: bucket.validUntil };
}

/** A share's code is bound to its id and to the gigabytes and recipient its SMS named. */
export function shareSubject(share: Pick<ShareRecord, 'id' | 'gigabytes' | 'recipientMsisdn'>): CodeSubject {
  return { id: share.id, terms: `${share.gigabytes} GB to ${share.recipientMsisdn}` };
}

/** «Подарить 2 ГБ на +7 900 ***-**-12. Код: 4821. Никому не сообщайте.» */
export function shareSms(gigabytes: number, to: E164, code: string): string {
  const m = /^\+7(\d{3})\d{5}(\d{2})$/.exec(to);
  const masked = m ? `+7 ${m[1]} ***-**-${m[2]}` : to;
  return `Подарить ${gigabytes} ГБ на ${masked}. Код: ${code}. Никому не сообщайте.`;
}

function refusalFor(preview: SharePreview, rules: RemainderRules['share']): DomainError {
  const field = (name: string, expected: string) => new DomainError('VALIDATION', `${name}: ${expected}`, { fields: [{ field: name, expected }], reason: preview.reason });
  switch (preview.reason) {
    case 'same-number':
      return field('to', 'another number than your own');
    case 'not-a-subscriber':
      return field('to', 'a number of this operator');
    case 'below-minimum':
    case 'above-maximum':
      return field('gigabytes', `a whole number of gigabytes from ${rules.minGigabytes} to ${rules.maxGigabytes}`);
    case 'period-limit':
      return field('gigabytes', `no more than ${rules.perPeriodGigabytes} GB given in a period (${preview.periodLeftGigabytes} GB left)`);
    case 'insufficient-funds':
      return new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay the fee', { neededKopecks: preview.feeKopecks });
    case 'sim-blocked':
      return new DomainError('SIM_BLOCKED', 'the SIM is blocked: gigabytes cannot be given until it is unblocked');
    default:
      return new DomainError('NOT_ELIGIBLE', `gigabytes cannot be given now: ${preview.reason}`, { reason: preview.reason });
  }
}
