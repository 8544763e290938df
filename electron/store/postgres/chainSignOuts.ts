import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { StoreUnavailableError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { PostgresDatabase } from './postgresDatabase';

export type ChainSignOutReason = 'signed-out-everywhere' | 'password-changed';

const CHANNEL = 'cabinet_sign_out';
/** The transaction lock every sign-out writer takes: sequence numbers are then handed out in commit order. */
const SIGN_OUT_LOCK = 7_310_025_112_027;
const Reason = z.enum(['signed-out-everywhere', 'password-changed']);

/** A notice on the channel: exactly these fields, or it is dropped. */
const Notice = z.strictObject({
  v: z.literal(1),
  from: z.string().uuid(),
  seq: z.number().int().positive(),
  subscriberId: z.string().min(1).max(100),
  reason: Reason,
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
type Notice = z.infer<typeof Notice>;

export interface ChainSignOutsOptions {
  store: PostgresDatabase;
  /** The chain's shared secret key (every instance has the same one). */
  dataKey: Buffer;
  /** Ends this instance's sessions of the subscriber and tells their windows. */
  end(subscriberId: string, reason: ChainSignOutReason): void;
  logger: Logger;
}

/**
 * «Sign out everywhere» and a password change across the kiosks of a chain. Sessions live in each instance's
 * memory; the instance that ends a subscriber's sessions records it in `chain_sign_outs` and notifies the
 * others in the same transaction.
 *
 * - A notice is signed (HMAC-SHA-256 under a key derived from the chain's secret key and the `notice-key` of
 *   `chain_secrets`) and checked against a strict schema; anything else is logged and dropped. A role that may
 *   connect and NOTIFY but read no table cannot forge one; an old notice sent again is dropped by its number.
 * - If the LISTEN connection is lost, sessions stay; the store answers session-sensitive calls STORE_UNAVAILABLE
 *   (`PostgresDatabase.notificationGap`) until LISTEN is back and the sign-outs recorded since the last one
 *   seen have been read and applied.
 */
export class ChainSignOuts {
  private readonly instance = randomUUID();
  private lastSeq = 0;

  private constructor(
    private readonly options: ChainSignOutsOptions,
    private readonly key: Buffer,
  ) {}

  static async start(options: ChainSignOutsOptions): Promise<ChainSignOuts> {
    const salt = await options.store.readSql((sql) => sql.one<{ value: Buffer }>(`SELECT value FROM chain_secrets WHERE name = 'notice-key'`));
    if (!salt) throw new Error('the shared store has no notice key (chain_secrets)');
    const key = Buffer.from(hkdfSync('sha256', options.dataKey, salt.value, 'subscriber-cabinet chain notices', 32));
    const chain = new ChainSignOuts(options, key);
    await options.store.listen(CHANNEL, { message: (payload) => chain.receive(payload), caughtUp: () => chain.catchUp() });
    // Listening from here on: everything recorded before is about sessions this instance never had.
    chain.lastSeq = (await options.store.readSql((sql) => sql.one<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM chain_sign_outs')))?.seq ?? 0;
    return chain;
  }

  /**
   * Records the sign-out and tells every other instance, in one transaction. The sessions here have already
   * ended; while the store cannot be reached the record is tried again (0.5 s doubling to 30 s, for 10 minutes):
   * a sign-out the other kiosks never hear of would leave sessions live there.
   */
  async announce(subscriberId: string, reason: ChainSignOutReason): Promise<void> {
    const deadline = Date.now() + 10 * 60_000;
    for (let delay = 500; ; delay = Math.min(delay * 2, 30_000)) {
      try {
        return await this.record(subscriberId, reason);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || Date.now() + delay > deadline || this.options.store.isClosed) throw error;
        this.options.logger.warn('a sign-out could not be recorded for the chain yet; trying again', { error: error.message });
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  private async record(subscriberId: string, reason: ChainSignOutReason): Promise<void> {
    await this.options.store.writeSql(async (sql) => {
      await sql.run('SELECT pg_advisory_xact_lock($lock)', { lock: SIGN_OUT_LOCK });
      const row = await sql.one<{ seq: number }>('INSERT INTO chain_sign_outs (subscriber_id, reason, from_instance) VALUES ($subscriberId, $reason, $from) RETURNING seq', {
        subscriberId,
        reason,
        from: this.instance,
      });
      const unsigned = { v: 1 as const, from: this.instance, seq: Number(row!.seq), subscriberId, reason };
      await PostgresDatabase.notify(sql, CHANNEL, JSON.stringify({ ...unsigned, mac: this.mac(unsigned) }));
    });
  }

  /** A notice from the channel: applied only if well-formed, signed by the chain, and newer than the last one applied. */
  receive(payload: string): void {
    let parsed: ReturnType<typeof Notice.safeParse> | null = null;
    try {
      parsed = Notice.safeParse(JSON.parse(payload));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      this.options.logger.warn('a chain notice of an unknown shape was dropped', { channel: CHANNEL, length: payload.length });
      return;
    }
    const notice = parsed.data;
    const { mac, ...unsigned } = notice;
    const expected = Buffer.from(this.mac(unsigned), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) {
      this.options.logger.warn('a chain notice with a wrong signature was dropped', { channel: CHANNEL });
      return;
    }
    if (notice.seq <= this.lastSeq) return; // already read (by a catch-up), or sent again
    this.lastSeq = notice.seq;
    if (notice.from !== this.instance) this.options.end(notice.subscriberId, notice.reason);
  }

  /** After LISTEN is back: the sign-outs recorded since the last one applied (the table is the truth; no signature needed). */
  async catchUp(): Promise<void> {
    const rows = await this.options.store.readSql((sql) =>
      sql.all<{ seq: number; subscriber_id: string; reason: string; from_instance: string }>(
        'SELECT seq, subscriber_id, reason, from_instance FROM chain_sign_outs WHERE seq > $last ORDER BY seq',
        { last: this.lastSeq },
      ),
    );
    for (const row of rows) {
      this.lastSeq = Math.max(this.lastSeq, Number(row.seq));
      const reason = Reason.safeParse(row.reason);
      if (row.from_instance !== this.instance && reason.success) this.options.end(row.subscriber_id, reason.data);
    }
    if (rows.length > 0) this.options.logger.info('sign-outs missed while notifications were down were applied', { count: rows.length });
  }

  private mac(notice: Omit<Notice, 'mac'>): string {
    // A fixed field order: the signature covers exactly what is acted on.
    const text = JSON.stringify([notice.v, notice.from, notice.seq, notice.subscriberId, notice.reason]);
    return createHmac('sha256', this.key).update(text).digest('hex');
  }
}
