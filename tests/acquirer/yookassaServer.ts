import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/**
 * A local HTTPS server speaking the part of YooKassa API v3 the cabinet uses (https://yookassa.ru/developers/api):
 * Basic auth by shop id and secret key; POST /v3/payments with an Idempotence-Key (a repeat with the same key and
 * body answers the first result, a different body under a used key is refused, a repeat while the first is in
 * flight gets 202 `processing`); GET /v3/payments/{id}; GET /v3/payments (created_at.gte, limit, cursor);
 * POST /v3/payments/{id}/capture; and the bank's 3-D Secure page, which redirects to the payment's return_url.
 * Its certificate comes from a CA made for the run (once per test process): the client trusts that CA and nothing else.
 *
 * Cards (by their last four digits): 1111 succeeds at once; 3220 asks for 3-D Secure (the bank's page);
 * 9995 is declined for insufficient funds; 0000 stays pending (no confirmation page) until `finish`; any other succeeds.
 * Faults are set per test: `slowMs` and `slowNext` (the next n answers wait, after the work is done), `failNext` (answer 500 to the
 * next n requests, `after` the work or `before` it), `twoStage` (payments wait for capture).
 */

export interface TestPayment {
  id: string;
  status: 'pending' | 'waiting_for_capture' | 'succeeded' | 'canceled';
  amount: { value: string; currency: string };
  description?: string;
  confirmation?: { type: 'redirect'; confirmation_url?: string; return_url: string };
  payment_method?: { type: 'bank_card'; id: string; saved: boolean; card: { first6: string; last4: string; expiry_month: string; expiry_year: string; card_type: string } };
  cancellation_details?: { party: string; reason: string };
  metadata?: Record<string, string>;
  created_at: string;
  paid: boolean;
  test: boolean;
}

export interface YooKassaTestServer {
  url: string;
  /** The CA the server's certificate chains to (PEM). */
  ca: string;
  shopId: string;
  secretKey: string;
  /** How many payments really took money (became succeeded). */
  charges(): number;
  payments(): TestPayment[];
  /** Every request's method, path and Idempotence-Key, in order. */
  requests: Array<{ method: string; path: string; key: string | null }>;
  /** Every request body, as received: what a test checks for card data. */
  bodies: string[];
  faults: { slowMs: number; slowNext: number; failNext: number; failWhen: 'before' | 'after'; twoStage: boolean };
  /** The person on the bank's page: approves or refuses the 3-D Secure check of a payment. */
  bankPage(url: string, approve: boolean): Promise<{ location: string | null; status: number }>;
  /** Ends a payment left pending, as the bank would. */
  finish(paymentId: string, outcome: 'succeeded' | 'canceled'): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The CA and the server's certificate, made once per test process and shared by its servers: two 2,048-bit RSA keys
 * cost a second or more on a busy CI machine, and every server and client of the process trusts only this CA anyway.
 */
let certificates: Promise<{ ca: { private: string; cert: string }; leaf: { private: string; cert: string } }> | null = null;

function runCertificates() {
  certificates ??= (async () => {
    const ca = await generate([{ name: 'commonName', value: 'Cabinet tests CA' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ],
    });
    const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    return { ca, leaf };
  })();
  return certificates;
}

export async function startYooKassaServer(): Promise<YooKassaTestServer> {
  const { ca, leaf } = await runCertificates();

  const shopId = '123456';
  const secretKey = `test_${randomUUID()}`;
  const payments = new Map<string, TestPayment>();
  const order: string[] = [];
  /** Idempotence-Key → the request's body hash and the answer (null while the first is still being worked on). */
  const keys = new Map<string, { bodyHash: string; answer: { status: number; body: unknown } | null }>();
  const requests: YooKassaTestServer['requests'] = [];
  const bodies: string[] = [];
  const faults: YooKassaTestServer['faults'] = { slowMs: 0, slowNext: 0, failNext: 0, failWhen: 'after', twoStage: false };
  let charges = 0;
  let base = '';

  const succeed = (payment: TestPayment) => {
    if (payment.status === 'succeeded') return;
    payment.status = 'succeeded';
    payment.paid = true;
    delete payment.confirmation?.confirmation_url;
    charges += 1;
  };
  const authorize = (payment: TestPayment) => {
    if (faults.twoStage) {
      payment.status = 'waiting_for_capture';
      payment.paid = true;
      delete payment.confirmation?.confirmation_url;
    } else succeed(payment);
  };
  const cancel = (payment: TestPayment, reason: string, party = 'payment_network') => {
    payment.status = 'canceled';
    payment.cancellation_details = { party, reason };
    delete payment.confirmation?.confirmation_url;
  };

  function createPayment(body: Record<string, unknown>): { status: number; body: unknown } {
    const amount = body.amount as { value?: unknown; currency?: unknown } | undefined;
    if (!amount || typeof amount.value !== 'string' || !/^\d+\.\d{2}$/.test(amount.value) || amount.currency !== 'RUB') {
      return { status: 400, body: { type: 'error', code: 'invalid_request', parameter: 'amount' } };
    }
    const confirmation = body.confirmation as { type?: unknown; return_url?: unknown } | undefined;
    if (confirmation?.type !== 'redirect' || typeof confirmation.return_url !== 'string') {
      return { status: 400, body: { type: 'error', code: 'invalid_request', parameter: 'confirmation' } };
    }
    const id = `2d${randomUUID().slice(2)}`;
    const payment: TestPayment = {
      id,
      status: 'pending',
      amount: { value: amount.value, currency: 'RUB' },
      confirmation: { type: 'redirect', return_url: confirmation.return_url },
      created_at: new Date().toISOString(),
      paid: false,
      test: true,
      ...(typeof body.description === 'string' ? { description: body.description } : {}),
      ...(body.metadata ? { metadata: body.metadata as Record<string, string> } : {}),
    };
    let last4: string;
    const methodData = body.payment_method_data as { type?: unknown; card?: Record<string, unknown> } | undefined;
    if (typeof body.payment_method_id === 'string') {
      const saved = [...payments.values()].find((known) => known.payment_method?.saved && known.payment_method.id === body.payment_method_id);
      if (!saved?.payment_method) return { status: 400, body: { type: 'error', code: 'invalid_request', parameter: 'payment_method_id' } };
      payment.payment_method = { ...saved.payment_method };
      last4 = saved.payment_method.card.last4;
    } else if (methodData?.type === 'bank_card' && methodData.card && typeof methodData.card.number === 'string' && /^\d{12,19}$/.test(methodData.card.number)) {
      const card = methodData.card as { number: string; expiry_month: string; expiry_year: string };
      last4 = card.number.slice(-4);
      payment.payment_method = {
        type: 'bank_card',
        id: randomUUID(),
        saved: body.save_payment_method === true,
        card: { first6: card.number.slice(0, 6), last4, expiry_month: card.expiry_month, expiry_year: card.expiry_year, card_type: card.number.startsWith('4') ? 'Visa' : card.number.startsWith('22') ? 'Mir' : 'MasterCard' },
      };
    } else {
      return { status: 400, body: { type: 'error', code: 'invalid_request', parameter: 'payment_method_data.card.number' } };
    }
    payments.set(id, payment);
    order.push(id);
    if (last4 === '3220') payment.confirmation!.confirmation_url = `${base}/checkout/${id}`;
    else if (last4 === '9995') cancel(payment, 'insufficient_funds');
    else if (last4 !== '0000') authorize(payment);
    return { status: 200, body: payment };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const key = typeof req.headers['idempotence-key'] === 'string' ? req.headers['idempotence-key'] : null;
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, key });
    if (raw) bodies.push(raw);

    if (url.pathname.startsWith('/checkout/')) return bankPageHandler(url, res);
    const expected = `Basic ${Buffer.from(`${shopId}:${secretKey}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return json(res, 401, { type: 'error', code: 'invalid_credentials', description: 'Authentication error' });

    // Each request's faults are decided when it arrives: one still sleeping never takes a later test's.
    const slow = faults.slowMs > 0 && faults.slowNext > 0 ? faults.slowMs : 0;
    if (slow) faults.slowNext -= 1;
    const fail = faults.failNext > 0 ? faults.failWhen : null;
    if (fail) faults.failNext -= 1;
    if (fail === 'before') return json(res, 500, { type: 'error', code: 'internal_server_error' });
    let answer: { status: number; body: unknown };
    if (req.method === 'POST') {
      if (!key || key.length > 64) return json(res, 400, { type: 'error', code: 'invalid_request', parameter: 'Idempotence-Key' });
      const bodyHash = createHash('sha256').update(`${url.pathname}\n${raw}`).digest('hex');
      const known = keys.get(key);
      if (known && known.bodyHash !== bodyHash) return json(res, 400, { type: 'error', code: 'invalid_request', description: 'Idempotence key duplicated with different request body' });
      if (known && !known.answer) return json(res, 202, { type: 'processing', description: 'Request accepted', retry_after: 50 });
      if (known?.answer) {
        answer = known.answer;
      } else {
        keys.set(key, { bodyHash, answer: null });
        answer = post(url, raw);
        // A refused request is not kept: it may be sent again with the same key.
        if (answer.status < 400) keys.set(key, { bodyHash, answer });
        else keys.delete(key);
      }
    } else if (req.method === 'GET') {
      answer = get(url);
    } else {
      answer = { status: 405, body: { type: 'error', code: 'method_not_allowed' } };
    }
    if (slow) await sleep(slow);
    if (fail === 'after') return json(res, 500, { type: 'error', code: 'internal_server_error' });
    json(res, answer.status, answer.body);
  }

  function post(url: URL, raw: string): { status: number; body: unknown } {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { type: 'error', code: 'invalid_request', description: 'not JSON' } };
    }
    if (url.pathname === '/v3/payments') return createPayment(body);
    const capture = /^\/v3\/payments\/([^/]+)\/capture$/.exec(url.pathname);
    if (capture) {
      const payment = payments.get(capture[1]!);
      if (!payment) return { status: 404, body: { type: 'error', code: 'not_found' } };
      if (payment.status === 'waiting_for_capture') succeed(payment);
      else if (payment.status !== 'succeeded') return { status: 400, body: { type: 'error', code: 'invalid_request', description: 'not waiting for capture' } };
      return { status: 200, body: payment };
    }
    return { status: 404, body: { type: 'error', code: 'not_found' } };
  }

  function get(url: URL): { status: number; body: unknown } {
    const one = /^\/v3\/payments\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const payment = payments.get(one[1]!);
      return payment ? { status: 200, body: payment } : { status: 404, body: { type: 'error', code: 'not_found' } };
    }
    if (url.pathname === '/v3/payments') {
      const since = url.searchParams.get('created_at.gte');
      const limit = Math.min(Number(url.searchParams.get('limit') ?? '10'), 100);
      const cursor = url.searchParams.get('cursor');
      // Newest first, as the API lists them; the cursor is the index of the next item.
      const all = [...order].reverse().map((id) => payments.get(id)!).filter((payment) => !since || payment.created_at >= since);
      const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) : 0;
      const items = all.slice(start, start + limit);
      const next = start + limit < all.length ? Buffer.from(String(start + limit)).toString('base64url') : undefined;
      return { status: 200, body: { type: 'list', items, ...(next ? { next_cursor: next } : {}) } };
    }
    return { status: 404, body: { type: 'error', code: 'not_found' } };
  }

  /** The bank's 3-D Secure page: `?answer=approve|refuse` is the person's choice; either way it sends them to the return_url. */
  function bankPageHandler(url: URL, res: ServerResponse): void {
    const payment = payments.get(url.pathname.slice('/checkout/'.length));
    if (!payment) return json(res, 404, { type: 'error', code: 'not_found' });
    const choice = url.searchParams.get('answer');
    if (choice === null) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<form><button name="answer" value="approve">Подтвердить</button><button name="answer" value="refuse">Отказаться</button></form>`);
      return;
    }
    if (payment.status === 'pending' && payment.confirmation?.confirmation_url) {
      if (choice === 'approve') authorize(payment);
      else cancel(payment, '3d_secure_failed');
    }
    res.writeHead(302, { Location: payment.confirmation!.return_url });
    res.end();
  }

  const server: Server = createServer({ key: leaf.private, cert: leaf.cert }, (req, res) => {
    handle(req, res).catch(() => json(res, 500, { type: 'error', code: 'internal_server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}/v3/`,
    ca: ca.cert,
    shopId,
    secretKey,
    charges: () => charges,
    payments: () => [...payments.values()],
    requests,
    bodies,
    faults,
    async bankPage(pageUrl, approve) {
      const { request } = await import('node:https');
      const target = new URL(pageUrl);
      target.searchParams.set('answer', approve ? 'approve' : 'refuse');
      return new Promise((resolve, reject) => {
        request(target, { ca: ca.cert }, (res) => {
          res.resume();
          resolve({ location: typeof res.headers.location === 'string' ? res.headers.location : null, status: res.statusCode ?? 0 });
        })
          .on('error', reject)
          .end();
      });
    },
    finish(paymentId, outcome) {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`no payment ${paymentId}`);
      if (outcome === 'succeeded') succeed(payment);
      else cancel(payment, 'expired_on_confirmation', 'yoo_money');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
