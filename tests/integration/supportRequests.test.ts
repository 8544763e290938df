import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomIds } from '../../electron/core/ids';
import { ATTACHMENT_MAX_BYTES } from '../../shared/contract/support';
import type { DeskDelivery, DeskInbox, SupportDesk } from '../../electron/core/support/ports';
import { bundledSupportData } from '../../electron/store/seed/supportData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

const anna = operatorData.demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (window: string, method: string, input: unknown) => cabinet.dispatcher.dispatch(cabinet.window(window), method, input) as Promise<Answer>;
const signIn = (window: string, subscriber: { lines: Array<{ msisdn: string }>; password: string | null }, line = 0) =>
  call(window, 'auth.signInWithPassword', { phone: subscriber.lines[line]!.msisdn, password: subscriber.password });

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size: number) => {
  const bytes = Buffer.alloc(size, 0x11);
  Buffer.from(PNG_SIGNATURE).copy(bytes);
  return bytes.toString('base64');
};
const write = (window: string, text: string, extra: Record<string, unknown> = {}) =>
  call(window, 'support.createRequest', { topic: 'balance', text, idempotencyKey: randomUUID(), ...extra });
const fieldsOf = (answer: Answer) => (answer.error?.details?.fields as Array<{ field: string }> | undefined)?.map((issue) => issue.field);

describe('support requests', () => {
  it('a new request is answered by the desk at once with the best-matching articles', async () => {
    await signIn('a', anna);
    const created = await write('a', 'Потерял телефон, как заблокировать SIM-карту?', { topic: 'sim' });
    expect(created.ok).toBe(true);
    const thread = created.value;
    expect(thread).toMatchObject({ topic: 'sim', status: 'answered', msisdn: anna.lines[0]!.msisdn });
    expect(thread.messages.map((m: { author: string }) => m.author)).toEqual(['subscriber', 'desk']);
    expect(thread.messages[1].body).toContain('обращение получено');
    expect(thread.messages[1].articles[0].id).toBe('sim-block');
    expect(thread.messages[1].body).toContain('• Потерял телефон: блокировка SIM-карты');

    const english = await write('a', 'I lost my phone abroad, how do I block the SIM?', { topic: 'sim' });
    expect(english.value.messages[1].body).toContain('We have received your request');
    expect(english.value.messages[1].articles.map((a: { id: string }) => a.id)).toContain('sim-block');

    const list = (await call('a', 'support.requests', {})).value;
    expect(list.map((r: { id: string }) => r.id)).toEqual([english.value.id, thread.id]);
    expect(list[1].preview).toBe('Потерял телефон, как заблокировать SIM-карту?');
  });

  it('the same idempotency key makes one request however often it is sent', async () => {
    await signIn('a', anna);
    const input = { topic: 'payments', text: 'Платёж с карты не пришёл на баланс', idempotencyKey: randomUUID() };
    const [first, second] = await Promise.all([call('a', 'support.createRequest', input), call('a', 'support.createRequest', input)]);
    const third = await call('a', 'support.createRequest', input);
    expect(first.value.id).toBe(second.value.id);
    expect(third.value.id).toBe(first.value.id);
    expect((await call('a', 'support.requests', {})).value).toHaveLength(1);
    // The desk answered it once.
    expect(third.value.messages).toHaveLength(2);
  });

  it('a card number typed into a request or a reply is stored and sent to the desk with only its last four digits', async () => {
    const desk = new TakingDesk();
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { supportDesk: desk });
    await signIn('a', anna);
    const created = (await write('a', 'Списали деньги с карты 4111 1111 1111 1111, а на баланс не пришли', { topic: 'payments' })).value;
    await call('a', 'support.reply', { requestId: created.id, text: 'Вторая карта 5555-5555-5555-4444 тоже' });

    const stored = await cabinet.database.read((repos) => repos.supportRequests.messages(created.id));
    expect(stored.map((message) => message.body)).toEqual([
      'Списали деньги с карты •••• •••• •••• 1111, а на баланс не пришли',
      'Вторая карта ••••-••••-••••-4444 тоже',
    ]);
    const everything = JSON.stringify({ stored, desk: desk.deliveries, thread: (await call('a', 'support.request', { requestId: created.id })).value });
    expect(everything).not.toMatch(/4111.?1111|5555.?5555/);
    expect((await call('a', 'support.requests', {})).value[0].preview).toContain('•••• 1111');
  });

  it('a reply puts an answered request back in work until the desk answers; a closed request takes no more replies', async () => {
    const desk = new TakingDesk();
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { supportDesk: desk });
    await signIn('a', anna);
    const created = (await write('a', 'Интернет не работает в роуминге')).value;
    expect(created.status).toBe('in-work');
    await desk.answer(created.id, 'Проверьте настройки APN', ['internet-settings']);
    const answered = (await call('a', 'support.request', { requestId: created.id })).value;
    expect(answered.status).toBe('answered');
    expect(answered.messages[1]).toMatchObject({ author: 'desk', body: 'Проверьте настройки APN', articles: [{ id: 'internet-settings' }] });

    const replied = (await call('a', 'support.reply', { requestId: created.id, text: 'Не помогло, всё так же' })).value;
    expect(replied.status).toBe('in-work');
    expect(replied.messages.at(-1)).toMatchObject({ author: 'subscriber', body: 'Не помогло, всё так же' });
    expect(desk.deliveries.map((d) => d.kind)).toEqual(['new-request', 'subscriber-reply']);

    expect((await call('a', 'support.close', { requestId: created.id })).value.status).toBe('closed');
    expect((await call('a', 'support.close', { requestId: created.id })).value.status).toBe('closed');
    expect(await call('a', 'support.reply', { requestId: created.id, text: 'Ещё вопрос по этому' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_ELIGIBLE', details: { reason: 'request-closed' } },
    });
    // A late answer from the desk is kept, and the request stays closed.
    await desk.answer(created.id, 'Запоздалый ответ', []);
    const late = (await call('a', 'support.request', { requestId: created.id })).value;
    expect(late.status).toBe('closed');
    expect(late.messages.at(-1).body).toBe('Запоздалый ответ');
  });

  it('a request the desk could not take stays new and goes to the desk again on the next start', async () => {
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { supportDesk: { deliver: () => Promise.reject(new Error('the helpdesk is down')) } });
    await signIn('a', anna);
    const created = (await write('a', 'Как подключить eSIM на новом телефоне?', { topic: 'sim' })).value;
    expect(created.status).toBe('new');
    await cabinet.close();

    // Ids go on from where the first run left them (sequential ids would start again at 1).
    cabinet = await openTestCabinet(dir.path, { ids: randomIds });
    await signIn('a', anna);
    await expect.poll(async () => (await call('a', 'support.request', { requestId: created.id })).value.status).toBe('answered');
    const thread = (await call('a', 'support.request', { requestId: created.id })).value;
    expect(thread.messages[1].articles[0].id).toBe('esim');
  });

  it("another subscriber's request is FORBIDDEN in every method; an unknown one is NOT_FOUND", async () => {
    await signIn('a', anna);
    await signIn('d', dmitry);
    const created = (await write('a', 'Вопрос про автоплатёж', { attachment: { fileName: 'screen.png', dataBase64: png(64) } })).value;
    const attachmentId = created.messages[0].attachments[0].id;
    for (const [method, input] of [
      ['support.request', { requestId: created.id }],
      ['support.reply', { requestId: created.id, text: 'Чужое обращение' }],
      ['support.close', { requestId: created.id }],
      ['support.attachment', { requestId: created.id, attachmentId }],
    ] as const) {
      expect((await call('d', method, input)).error?.code, method).toBe('FORBIDDEN');
    }
    expect((await call('d', 'support.requests', {})).value).toEqual([]);
    expect((await call('a', 'support.request', { requestId: 'request_404' })).error.code).toBe('NOT_FOUND');
    expect((await call('a', 'support.request', { requestId: created.id })).value.status).toBe('answered');
    expect((await call('signed-out', 'support.requests', {})).error.code).toBe('UNAUTHENTICATED');
  });

  it('bad input is refused with the field named', async () => {
    await signIn('a', anna);
    expect(fieldsOf(await write('a', '   '))).toEqual(['text']);
    expect(fieldsOf(await write('a', 'x'.repeat(2001)))).toEqual(['text']);
    expect((await write('a', 'x'.repeat(2000))).ok).toBe(true);
    expect(fieldsOf(await write('a', 'Вопрос про тариф', { topic: 'horoscopes' }))).toEqual(['topic']);
    expect(fieldsOf(await write('a', 'Вопрос про тариф', { topic: 'Balance!' }))).toEqual(['topic']);
    expect(fieldsOf(await call('a', 'support.createRequest', { topic: 'balance', text: 'Вопрос про тариф' }))).toEqual(['idempotencyKey']);
    expect(fieldsOf(await write('a', 'Скриншот', { attachment: { fileName: '/etc/passwd', dataBase64: png(64) } }))).toEqual(['attachment.fileName']);
    expect(fieldsOf(await write('a', 'Скриншот', { attachment: { fileName: 'a.png', dataBase64: 'не base64' } }))).toEqual(['attachment.dataBase64']);
    expect(fieldsOf(await write('a', 'Скриншот', { attachment: { fileName: 'a.png', path: 'C:\\a.png', dataBase64: png(64) } }))).toEqual(['attachment.path']);
    expect(fieldsOf(await call('a', 'support.searchArticles', { query: 'x'.repeat(201) }))).toEqual(['query']);
    expect((await call('a', 'support.requests', {})).value).toHaveLength(1);
  });

  it('a screenshot is a PNG, JPEG or WebP of at most 2 MB by its bytes, kept in the store and read back', async () => {
    await signIn('a', anna);
    const atLimit = await write('a', 'Скриншот ровно 2 МБ', { attachment: { fileName: 'limit.png', dataBase64: png(ATTACHMENT_MAX_BYTES) } });
    expect(atLimit.value.messages[0].attachments[0]).toMatchObject({ fileName: 'limit.png', mediaType: 'image/png', byteSize: ATTACHMENT_MAX_BYTES });
    const over = await write('a', 'Скриншот чуть больше 2 МБ', { attachment: { fileName: 'big.png', dataBase64: png(ATTACHMENT_MAX_BYTES + 1) } });
    expect(over.error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'attachment.dataBase64', expected: 'an image of at most 2 MB' }] } });
    const notAnImage = await write('a', 'Текст под видом картинки', { attachment: { fileName: 'photo.png', dataBase64: Buffer.from('just some text, not a picture').toString('base64') } });
    expect(notAnImage.error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'attachment.dataBase64', expected: 'a PNG, JPEG or WebP image' }] } });

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('base64');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]).toString('base64');
    // The name says nothing: a JPEG called .png is a JPEG.
    const named = (await write('a', 'Фото экрана', { attachment: { fileName: 'screen.png', dataBase64: jpeg } })).value;
    expect(named.messages[0].attachments[0].mediaType).toBe('image/jpeg');
    const webpRequest = (await write('a', 'Фото экрана', { attachment: { fileName: 'screen.webp', dataBase64: webp } })).value;
    expect(webpRequest.messages[0].attachments[0].mediaType).toBe('image/webp');

    // The bytes survive a restart: they are in the encrypted store.
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { ids: randomIds });
    await signIn('a', anna);
    const back = await call('a', 'support.attachment', { requestId: named.id, attachmentId: named.messages[0].attachments[0].id });
    expect(back.value).toEqual({ fileName: 'screen.png', mediaType: 'image/jpeg', dataBase64: jpeg });
    expect((await call('a', 'support.attachment', { requestId: atLimit.value.id, attachmentId: named.messages[0].attachments[0].id })).error.code).toBe('NOT_FOUND');
  });

  it('the requests belong to the profile: they are there after switching to its other number', async () => {
    await signIn('a', anna);
    const created = (await write('a', 'Вопрос с первого номера')).value;
    expect((await call('a', 'numbers.switch', { msisdn: anna.lines[1]!.msisdn })).ok).toBe(true);
    const list = (await call('a', 'support.requests', {})).value;
    expect(list).toMatchObject([{ id: created.id, msisdn: anna.lines[0]!.msisdn }]);
  });
});

describe('the knowledge base', () => {
  const search = async (query: string) => ((await call('a', 'support.searchArticles', { query })).value as Array<{ id: string }>).map((a) => a.id);
  beforeEach(async () => {
    await signIn('a', anna);
  });

  it('finds other forms of a word: "баланса" and "баланс" find the same articles', async () => {
    const byGenitive = await search('баланса');
    expect(byGenitive).toContain('check-balance');
    expect(await search('баланс')).toEqual(byGenitive);
    expect(await search('блокировки сим')).toContain('sim-block');
    // ё and е are the same letter to a search.
    expect((await search('обещанный платеж'))[0]).toBe('promised-payment');
    expect((await search('обещанный платёж'))[0]).toBe('promised-payment');
  });

  it('ranks the article that matches the question best first', async () => {
    expect((await search('роуминг за границей'))[0]).toBe('roaming-abroad');
    expect((await search('как перевести деньги на другой номер'))[0]).toBe('mobile-transfer');
    expect((await search('настройки интернета APN'))[0]).toBe('internet-settings');
    expect((await search('забыл пароль'))[0]).toBe('forgot-password');
    expect((await search('eSIM'))[0]).toBe('esim');
    expect((await search('lost phone block SIM'))[0]).toBe('sim-block');
  });

  it('follows the operator data: a changed, added or removed article is searched as the data says after a restart', async () => {
    const data = bundledSupportData();
    const [first, ...rest] = data.articles;
    const changed = { ...first!, title: { ru: 'Как узнать остаток денег на счёте', en: 'How to see the money left on the account' } };
    const added = { id: 'voice-mail', topic: 'tariffs', title: { ru: 'Голосовая почта', en: 'Voice mail' }, body: { ru: 'Автоответчик принимает сообщения.', en: 'Voice mail takes messages.' } };
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { ids: randomIds, supportData: { ...data, articles: [changed, ...rest.filter((a) => a.id !== 'esim'), added] } });
    await signIn('a', anna);
    expect((await search('остаток денег на счёте'))[0]).toBe(first!.id);
    expect(await search('автоответчик')).toEqual(['voice-mail']);
    expect(await search('eSIM')).not.toContain('esim');
    expect(await search('')).toHaveLength(19);
  });

  it('an empty query lists every article; words that say nothing find nothing', async () => {
    expect(await search('')).toHaveLength(19);
    expect(await search('как это у меня')).toEqual([]);
    expect(await search('зюзюбликс')).toEqual([]);
  });
});

/** A desk that takes requests at once and answers when the test says so, as a real helpdesk would. */
class TakingDesk implements SupportDesk {
  deliveries: DeskDelivery[] = [];
  private inbox: DeskInbox | null = null;
  async deliver(delivery: DeskDelivery, inbox: DeskInbox): Promise<void> {
    this.deliveries.push(delivery);
    this.inbox = inbox;
    await inbox.taken(delivery.requestId);
  }
  answer(requestId: string, text: string, articleIds: string[]): Promise<void> {
    return this.inbox!.answered(requestId, { text, articleIds });
  }
}
