import { describe, expect, it } from 'vitest';
import { formatPackageAmount } from '../../renderer/src/format/amounts';
import { formatLocalDate } from '../../renderer/src/format/dates';
import { errorText, fieldErrors } from '../../renderer/src/format/errors';
import { en } from '../../renderer/src/i18n/en';
import { ru } from '../../renderer/src/i18n/ru';
import { maskRussianPhone } from '../../renderer/src/format/phoneMask';
import { parseRussianMobile } from '../../shared/phone';

const t = (key: string, named: Record<string, unknown> = {}) => `${key}${JSON.stringify(named)}`;

describe('the number field as a person types', () => {
  it.each([
    ['9', '+7 (9'],
    ['900', '+7 (900)'],
    ['9001234', '+7 (900) 123-4'],
    ['9001234567', '+7 (900) 123-45-67'],
    ['89001234567', '+7 (900) 123-45-67'],
    ['+7 900 123 45 67', '+7 (900) 123-45-67'],
    ['8 (900) 123-45-67', '+7 (900) 123-45-67'],
    ['+7 (900) 123-45-678', '+7 (900) 123-45-67'],
    ['', ''],
  ])('"%s" shows as "%s"', (typed, shown) => {
    expect(maskRussianPhone(typed)).toBe(shown);
  });

  it('what the mask shows is what the main side parses', () => {
    expect(parseRussianMobile(maskRussianPhone('89001234567'))).toBe('+79001234567');
  });
});

describe('package amounts', () => {
  it('data from 1 GB up is shown in GB with one decimal', () => {
    expect(formatPackageAmount('mb', 8806, t, 'ru')).toBe('units.gb{"n":"8,6"}');
    expect(formatPackageAmount('mb', 8806, t, 'en')).toBe('units.gb{"n":"8.6"}');
    expect(formatPackageAmount('mb', 850, t, 'ru')).toBe('units.mb{"n":"850"}');
    expect(formatPackageAmount('min', 1500, t, 'ru')).toMatch(/^units\.min\{"n":"1\s500"\}$/);
  });
});

describe('dates of the billing period', () => {
  it('are shown as a day and month, with the year only when it is another year', () => {
    const today = new Date('2026-11-24T12:00:00Z');
    expect(formatLocalDate('2026-12-05', 'ru', today)).toBe('5 декабря');
    expect(formatLocalDate('2026-12-05', 'en', today)).toBe('December 5');
    expect(formatLocalDate('2027-01-05', 'ru', today)).toBe('5 января 2027 г.');
  });
});

describe('errors in words', () => {
  it('a wait is said in seconds', () => {
    expect(errorText({ code: 'RATE_LIMITED', message: 'x', details: { retryAfterSeconds: 42 } }, t)).toBe('errors.RATE_LIMITED{"seconds":42}');
    // A sign-in limit says when (issue 17): the time, not thousands of seconds.
    const at = new Date(Date.now() + 5 * 60_000);
    // Before sign-in the computer's zone, labelled against Moscow (issue 22).
    const text = errorText({ code: 'RATE_LIMITED', message: 'x', details: { retryAfterSeconds: 300, retryAt: at.toISOString() } }, t, 'ru-RU');
    expect(text).toMatch(/^errors\.rateLimitedUntil\{"time":".*\d{2}:\d{2} МСК([+\u2212]\d+)?"\}$/);
  });
  it('a service that is not set up is named: SMS, card payments, e-wallets, mail', () => {
    expect(errorText({ code: 'NOT_CONFIGURED', message: 'x', details: { service: 'card-payments' } }, t)).toBe('notConfigured.cardPayments{}');
    expect(errorText({ code: 'NOT_CONFIGURED', message: 'x', details: { service: 'sms' } }, t)).toBe('notConfigured.sms{}');
    expect(errorText({ code: 'NOT_CONFIGURED', message: 'x', details: { service: 'something-else' } }, t)).toBe('errors.NOT_CONFIGURED{}');
  });
  it('an unreachable chain store says when to try again; the embedded store\'s answer stays as it was', () => {
    expect(errorText({ code: 'STORE_UNAVAILABLE', message: 'x', details: { retryAfterSeconds: 2 } }, t)).toBe('errors.storeUnreachable{"seconds":2}');
    expect(errorText({ code: 'STORE_UNAVAILABLE', message: 'x' }, t)).toBe('errors.STORE_UNAVAILABLE{}');
  });
  it('the words for an unreachable store exist in Russian and English, with the wait in them', () => {
    expect(ru.errors.storeUnreachable).toContain('{seconds}');
    expect(en.errors.storeUnreachable).toContain('{seconds}');
  });
  it('field errors are read from a VALIDATION answer', () => {
    expect(fieldErrors({ code: 'VALIDATION', message: 'x', details: { fields: [{ field: 'phone', expected: 'a number' }] } })).toEqual({ phone: 'a number' });
    expect(fieldErrors({ code: 'INTERNAL', message: 'x' })).toEqual({});
  });
});
