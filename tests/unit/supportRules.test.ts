import { describe, expect, it } from 'vitest';
import { checkScreenshot, imageTypeOf } from '../../electron/core/support/attachments';
import { nextStatus } from '../../electron/core/support/requestStatus';
import { searchTerms, stem } from '../../electron/core/support/searchTerms';
import { DomainError } from '../../electron/core/errors';

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(values.flatMap((value) => (typeof value === 'string' ? [...value].map((char) => char.charCodeAt(0)) : [value])));
const PNG = bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);

describe('a request status', () => {
  it('goes new → in work → answered, back in work on the subscriber’s reply, and closed for good', () => {
    expect(nextStatus('new', 'desk-took')).toBe('in-work');
    expect(nextStatus('in-work', 'desk-took')).toBe('in-work');
    expect(nextStatus('new', 'desk-answered')).toBe('answered');
    expect(nextStatus('in-work', 'desk-answered')).toBe('answered');
    expect(nextStatus('answered', 'subscriber-replied')).toBe('in-work');
    expect(nextStatus('new', 'subscriber-replied')).toBe('new');
    expect(nextStatus('answered', 'subscriber-closed')).toBe('closed');
    expect(nextStatus('new', 'subscriber-closed')).toBe('closed');
  });

  it('a closed request stays closed, and the subscriber may not write to it', () => {
    expect(nextStatus('closed', 'desk-answered')).toBe('closed');
    expect(nextStatus('closed', 'desk-took')).toBe('closed');
    expect(nextStatus('closed', 'subscriber-closed')).toBe('closed');
    expect(() => nextStatus('closed', 'subscriber-replied')).toThrowError(expect.objectContaining({ code: 'NOT_ELIGIBLE' }) as Error);
  });
});

describe('a screenshot', () => {
  it('is told by its first bytes: PNG, JPEG, WebP', () => {
    expect(imageTypeOf(PNG)).toBe('image/png');
    expect(imageTypeOf(bytes(0xff, 0xd8, 0xff, 0xdb))).toBe('image/jpeg');
    expect(imageTypeOf(bytes('RIFF', 0x10, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
  });

  it('anything else is refused, however it is named: a GIF, a PDF, a RIFF that is not WebP, a cut-off signature', () => {
    for (const other of [bytes('GIF89a'), bytes('%PDF-1.7'), bytes('RIFF', 0x10, 0, 0, 0, 'WAVEfmt '), bytes(0x89, 'PNG'), bytes(0xff, 0xd8)]) {
      expect(imageTypeOf(other)).toBeNull();
      expect(() => checkScreenshot(other)).toThrowError(DomainError);
    }
  });

  it('may be exactly the limit, not a byte more, and not empty', () => {
    const limit = 1000;
    const sized = (size: number) => {
      const out = new Uint8Array(size);
      out.set(PNG);
      return out;
    };
    expect(checkScreenshot(sized(limit), limit)).toBe('image/png');
    const over = (() => {
      try {
        checkScreenshot(sized(limit + 1), limit);
      } catch (error) {
        return error as DomainError;
      }
      return null;
    })();
    expect(over).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'attachment.dataBase64' }], reason: 'attachment-too-large' } });
    expect(() => checkScreenshot(new Uint8Array(0), limit)).toThrowError(expect.objectContaining({ details: expect.objectContaining({ reason: 'attachment-empty' }) as unknown }) as Error);
  });
});

describe('search terms', () => {
  it('reduce Russian words to stems that find their other forms', () => {
    expect(stem('баланса')).toBe('баланс');
    expect(stem('балансе')).toBe('баланс');
    expect(stem('баланс')).toBe('баланс');
    expect(stem('тарифы')).toBe('тариф');
    expect(stem('роуминге')).toBe('роуминг');
    expect(stem('пароля')).toBe('парол');
    expect('пароль'.startsWith(stem('пароля'))).toBe(true);
    expect(stem('сим')).toBe('сим');
  });

  it('drop words that say nothing, repeat nothing, fold ё into е, and stop at twelve', () => {
    expect(searchTerms('Здравствуйте! Как у меня списался баланс, БАЛАНСА нет?')).toEqual(['списал', 'баланс']);
    expect(searchTerms('Обещанный платёж')).toEqual(['обещанн', 'платеж']);
    expect(searchTerms('how do I top up my balance')).toEqual(['top', 'up', 'balance']);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `слово${i}`).join(' '))).toHaveLength(12);
  });
});
