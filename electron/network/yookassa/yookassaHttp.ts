import { HealthTracker } from '../adapterHealth';
import { Agent, request } from 'node:https';

/** Where and how the YooKassa API v3 is reached (the secret key is unsealed from settings only for this). */
export interface YooKassaConnection {
  /** The API's base address, https only: https://api.yookassa.ru/v3/ */
  apiUrl: string;
  shopId: string;
  secretKey: string;
  /** How long one attempt may take (AbortSignal.timeout). */
  timeoutMs: number;
  /** Attempts per request, the first included; every repeat of a POST carries the same Idempotence-Key. */
  attempts: number;
  /** The wait before the second attempt, doubled for each one after. */
  backoffMs: number;
  /** Trust anchors (PEM) instead of Node's bundled ones: the tests' own CA. The app leaves it out. */
  ca?: string;
}

/**
 * No answer after every attempt. `reached: 'never'` — not one attempt got a TLS connection, so the
 * acquirer cannot have acted on it; `'maybe'` — some attempt may have reached it, only a status query tells.
 */
export class YooKassaUnreachableError extends Error {
  constructor(
    readonly reached: 'never' | 'maybe',
    readonly lastProblem: string,
  ) {
    super(`the acquirer could not be reached (${lastProblem})`);
    this.name = 'YooKassaUnreachableError';
  }
}

/** The API refused the request (4xx): it did nothing. `code` and `parameter` are the API's own words. */
export class YooKassaRefusedError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly parameter: string | null,
  ) {
    super(`the acquirer refused the request: HTTP ${httpStatus} ${code}${parameter ? ` (${parameter})` : ''}`);
    this.name = 'YooKassaRefusedError';
  }
}

type Attempt = { kind: 'answer'; status: number; body: unknown } | { kind: 'failed'; connected: boolean; problem: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The longest wait between attempts, whatever the API's `retry_after` asks for: a person is waiting. */
const MAX_WAIT_MS = 5_000;

/**
 * JSON over HTTPS to the YooKassa API: Basic auth (shop id : secret key), a deadline on every attempt, and a
 * bounded number of attempts. A POST carries an Idempotence-Key, the same on each attempt, so that the API
 * answers a repeat with the first request's result instead of acting twice. Repeated: timeouts, lost
 * connections, 5xx ("status unknown, repeat with the same key"), 202 `processing` and 429. Not repeated: any
 * other 4xx, which is the API saying no.
 */
export class YooKassaHttp {
  private readonly agent: Agent;
  private readonly base: URL;
  /** For the diagnostics screen: ready until the first request, then connected or down by the last one's fate. */
  readonly health: HealthTracker;

  constructor(private readonly connection: YooKassaConnection) {
    this.base = new URL(connection.apiUrl.endsWith('/') ? connection.apiUrl : `${connection.apiUrl}/`);
    if (this.base.protocol !== 'https:') throw new Error('cardAcquirer.apiUrl: an https:// address');
    // One connection per attempt: whether an attempt reached the API is told by its own TLS handshake.
    this.agent = new Agent({ keepAlive: false, ...(connection.ca ? { ca: connection.ca } : {}) });
    this.health = new HealthTracker('cardPayments', this.base.host, () => new Date(), 'ready');
  }

  async get(path: string): Promise<unknown> {
    return this.send('GET', path, undefined, undefined);
  }

  async post(path: string, body: unknown, idempotenceKey: string): Promise<unknown> {
    return this.send('POST', path, body, idempotenceKey);
  }

  private async send(method: 'GET' | 'POST', path: string, body: unknown, idempotenceKey: string | undefined): Promise<unknown> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let reached = false;
    let problem = 'no attempt made';
    for (let attempt = 1; attempt <= this.connection.attempts; attempt += 1) {
      const result = await this.once(method, url, payload, idempotenceKey);
      let wait = this.connection.backoffMs * 2 ** (attempt - 1);
      if (result.kind === 'failed') {
        reached ||= result.connected;
        problem = result.problem;
      } else if (result.status >= 200 && result.status < 300 && result.status !== 202) {
        this.health.connected();
        return result.body;
      } else if (result.status === 202) {
        // Still being processed: the same request again after `retry_after` milliseconds.
        reached = true;
        problem = 'still processing';
        const retryAfter = (result.body as { retry_after?: unknown } | null)?.retry_after;
        if (typeof retryAfter === 'number' && retryAfter > 0) wait = retryAfter;
      } else if (result.status === 429) {
        problem = 'too many requests';
      } else if (result.status >= 500) {
        // "The result is unknown": the request may have been carried out.
        reached = true;
        problem = `HTTP ${result.status}`;
      } else {
        const error = (result.body ?? {}) as { code?: unknown; parameter?: unknown };
        if (result.status === 401 || result.status === 403) this.health.down(`the API refused the shop's credentials (HTTP ${result.status})`);
        else this.health.connected();
        throw new YooKassaRefusedError(result.status, typeof error.code === 'string' ? error.code : 'error', typeof error.parameter === 'string' ? error.parameter : null);
      }
      if (attempt < this.connection.attempts) await sleep(Math.min(wait, MAX_WAIT_MS));
    }
    this.health.down(`${reached ? 'no clear answer' : 'unreachable'}: ${problem}`);
    throw new YooKassaUnreachableError(reached ? 'maybe' : 'never', problem);
  }

  private once(method: 'GET' | 'POST', url: URL, payload: string | undefined, idempotenceKey: string | undefined): Promise<Attempt> {
    const credentials = Buffer.from(`${this.connection.shopId}:${this.connection.secretKey}`).toString('base64');
    const headers: Record<string, string> = { Authorization: `Basic ${credentials}`, Accept: 'application/json' };
    if (idempotenceKey) headers['Idempotence-Key'] = idempotenceKey;
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    return new Promise<Attempt>((resolve) => {
      let connected = false;
      const req = request(url, { method, headers, agent: this.agent, signal: AbortSignal.timeout(this.connection.timeoutMs) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => resolve({ kind: 'failed', connected: true, problem: 'the answer was cut short' }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ kind: 'answer', status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
          } catch {
            // Not JSON (a proxy's error page): as good as no answer, and the request may have been carried out.
            resolve({ kind: 'failed', connected: true, problem: `HTTP ${res.statusCode ?? 0} without JSON` });
          }
        });
      });
      req.on('socket', (socket) => socket.once('secureConnect', () => (connected = true)));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const problem = error.name === 'AbortError' || error.name === 'TimeoutError' ? 'timeout' : (error.code ?? error.name);
        resolve({ kind: 'failed', connected, problem });
      });
      req.end(payload);
    });
  }
}
