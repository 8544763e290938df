import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DetailSummary, UsageDetail } from '../../shared/contract/account';
import { UsageDetailService } from '../../electron/core/account/usageDetail';
import { silentLogger } from '../../electron/core/logger';
import type { UnitOfWork } from '../../electron/core/unitOfWork';
import { pdfLayout } from '../../electron/exports/detailDocuments';
import { DetailExports, exportFonts } from '../../electron/exports/detailExports';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from './support';
import { pdfLines, pdfPageCount } from './pdfText';

/** A year of a heavy user's detail: 50,000 rows, a money movement every fourth. */
function yearOfDetail(rows = 50_000): UsageDetail {
  const kinds = ['voice', 'sms', 'data', 'money'] as const;
  return {
    from: '2026-01-01',
    to: '2026-12-31',
    rows: Array.from({ length: rows }, (_, index) => {
      const kind = kinds[index % 4]!;
      return {
        at: new Date(Date.UTC(2026, 0, 1) + index * 600_000).toISOString(),
        kind,
        what: kind === 'money' ? 'card-top-up' : kind,
        quantity: kind === 'money' ? 0 : 60 + (index % 50),
        amountKopecks: kind === 'money' ? 12_345 : 0,
      };
    }),
    totals: { voiceMinutes: 12_500, sms: 12_500, dataMb: 2_048, chargedKopecks: 0, paidKopecks: 12_500 * 12_345 },
    daily: [],
  };
}

/** DetailExports over a fixed detail, saving into `folder`, the way the cabinet wires it (a real worker thread). */
function exportsOf(folder: string, detail: UsageDetail, progress: number[] = []) {
  const usageDetail = { whole: async () => detail } as unknown as UsageDetailService;
  const uow = { read: async () => ({ region: { timeZone: 'Europe/Moscow' } }) } as unknown as UnitOfWork;
  return new DetailExports({
    uow,
    usageDetail,
    saveTarget: { choose: async (_window, name) => join(folder, name) },
    progress: (_window, share) => progress.push(share),
    logger: silentLogger,
    fonts: exportFonts(),
  });
}
const request = (format: 'pdf' | 'csv') => ({ lineId: 'line', msisdn: '+79001234567', from: '2026-01-01', to: '2026-12-31', kind: 'all' as const, format, language: 'ru' as const });

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (dir = await tempDir()));
afterEach(async () => dir.remove());

describe('a year of detail (50,000 rows) exported by the worker', () => {
  it('is a PDF with every row on ~860 pages, its Cyrillic rows readable as text, the title naming the number', async () => {
    const progress: number[] = [];
    const outcome = await exportsOf(dir.path, yearOfDetail(), progress).export('window-1', request('pdf'));
    expect(outcome).toEqual({ outcome: 'saved', fileName: 'detail-2026-01-01-2026-12-31.pdf', rows: 50_000 });
    const pdf = await readFile(join(dir.path, 'detail-2026-01-01-2026-12-31.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const pages = pdfPageCount(pdf);
    expect(pages).toBe(pdfLayout(50_000).pages);
    expect(pages).toBeGreaterThan(500);
    expect(pages).toBeLessThan(2_000);
    const lines = pdfLines(pdf);
    expect(lines).toContain('Детализация номера +7 900 123-45-67');
    expect(lines).toContain('Пополнение картой');
    expect(lines).toContain('123,45\u00a0₽');
    expect(lines).toContain(`${pages} / ${pages}`);
    expect(lines.filter((line) => line === 'Пополнение картой')).toHaveLength(12_500);
    // Progress went up, to the end.
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(await readdir(dir.path)).toEqual(['detail-2026-01-01-2026-12-31.pdf']);
  });

  it('is a CSV with the header and one line per row, kinds in words of the subscriber’s language', async () => {
    const outcome = await exportsOf(dir.path, yearOfDetail()).export('window-1', { ...request('csv'), language: 'en' });
    expect(outcome).toMatchObject({ outcome: 'saved', fileName: 'detail-2026-01-01-2026-12-31.csv' });
    const lines = (await readFile(join(dir.path, 'detail-2026-01-01-2026-12-31.csv'), 'utf8')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Time;Kind;What;Quantity;Unit;Amount, RUB');
    expect(lines).toHaveLength(50_001);
    // Local time of the region (Moscow, UTC+3) in ISO 8601 with its offset, to the minute.
    expect(lines[4]).toBe('2026-01-01T03:30+03:00;Money;Card top-up;;;123.45');
    expect(lines[1]).toBe('2026-01-01T03:00+03:00;Call;Call;1;min;0.00');
  });

  it('in Russian: Russian headers, the region’s local time with its offset and no seconds, a decimal comma', async () => {
    await exportsOf(dir.path, yearOfDetail(8)).export('window-1', request('csv'));
    const lines = (await readFile(join(dir.path, 'detail-2026-01-01-2026-12-31.csv'), 'utf8')).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Время;Вид;Что;Количество;Единица;Сумма, ₽');
    expect(lines[1]).toBe('2026-01-01T03:00+03:00;Звонок;Звонок;1;мин;0,00');
    expect(lines[3]).toBe('2026-01-01T03:20+03:00;Интернет;Интернет;0,1;МБ;0,00');
    expect(lines[4]).toBe('2026-01-01T03:30+03:00;Деньги;Пополнение картой;;;123,45');
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+03:00;/);
  });

  it('stops when cancelled and leaves no file, partial or whole', async () => {
    const progress: number[] = [];
    const exports = exportsOf(dir.path, yearOfDetail(), progress);
    const running = exports.export('window-1', request('pdf'));
    await expect.poll(() => progress.some((share) => share > 0), { timeout: 30_000 }).toBe(true);
    expect(exports.cancel('window-1')).toBe(true);
    expect(await running).toEqual({ outcome: 'cancelled' });
    expect(progress.at(-1)).toBeLessThan(1);
    expect(await readdir(dir.path)).toEqual([]);
    expect(exports.cancel('window-1')).toBe(false);
  });

  it('one export at a time per window', async () => {
    const exports = exportsOf(dir.path, yearOfDetail(5_000));
    const first = exports.export('window-1', request('pdf'));
    await expect(exports.export('window-1', request('csv'))).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
    await expect(first).resolves.toMatchObject({ outcome: 'saved' });
  });
});

describe('account.exportDetail through the dispatcher', () => {
  let cabinet: TestCabinet;
  let chosen: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = async (method: string, input: unknown): Promise<any> => cabinet.dispatcher.dispatch(cabinet.window(), method, input);
  beforeEach(async () => {
    chosen = [];
    cabinet = await openTestCabinet(join(dir.path, 'store'), {
      saveTarget: { choose: async (_window, name) => (chosen.push(name), join(dir.path, name)) },
    });
  });
  afterEach(async () => cabinet.close());

  it('needs a session; saves the shown range under the name the page is told, without the folder and without secrets', async () => {
    expect(await call('account.exportDetail', { from: '2026-11-01', to: '2026-11-24', format: 'csv' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    const detail = (await call('account.detailSummary', { from: '2026-11-01', to: '2026-11-24' })).value as DetailSummary;
    const answer = await call('account.exportDetail', { from: '2026-11-01', to: '2026-11-24', format: 'csv' });
    expect(answer).toEqual({ ok: true, value: { outcome: 'saved', fileName: 'detail-2026-11-01-2026-11-24.csv', rows: detail.rowCount } });
    const csv = await readFile(join(dir.path, 'detail-2026-11-01-2026-11-24.csv'), 'utf8');
    expect(csv.trimEnd().split('\r\n')).toHaveLength(detail.rowCount + 1);
    expect(csv).not.toContain(demo.password);
    const pdfAnswer = await call('account.exportDetail', { from: '2026-11-01', to: '2026-11-24', format: 'pdf' });
    expect(pdfAnswer).toMatchObject({ ok: true, value: { outcome: 'saved', fileName: 'detail-2026-11-01-2026-11-24.pdf' } });
    const pdf = await readFile(join(dir.path, 'detail-2026-11-01-2026-11-24.pdf'));
    expect(pdf.toString('latin1')).not.toContain(demo.password);
    expect(pdf.toString('latin1')).not.toContain(dir.path);
  });

  it('a bad format or range is a field error, and nobody is asked where to save', async () => {
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
    expect(await call('account.exportDetail', { from: '2026-11-01', to: '2026-11-24', format: 'docx' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'format', expected: 'expected "pdf" or "csv"' }] } },
    });
    expect(await call('account.exportDetail', { from: '2026-11-24', to: '2026-11-01', format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } } });
    expect(chosen).toEqual([]);
  });
});
