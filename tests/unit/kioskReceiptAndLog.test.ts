import { describe, expect, it } from 'vitest';
import { maskCardDigits, receiptDocument } from '../../electron/core/kiosk/receiptDocument';
import { redactingLogger } from '../../electron/core/kiosk/redactingLogger';
import type { Receipt } from '../../shared/contract/payments';

const receipt: Receipt = {
  number: '20261125-0001',
  issuedAt: '2026-11-25T09:30:00.000Z',
  operator: { name: 'ООО «Т2 Мобайл»', inn: '7743895280' },
  msisdn: '+79001234567',
  payment: {
    id: 'p1',
    kind: 'card',
    status: 'succeeded',
    amountKopecks: 50_000,
    feeKopecks: 0,
    method: 'Visa 4111 1111 1111 1111',
    counterparty: null,
    declineReason: null,
    autopay: false,
    createdAt: '2026-11-25T09:30:00.000Z',
    updatedAt: '2026-11-25T09:30:00.000Z',
  } as Receipt['payment'],
};

describe('a kiosk receipt', () => {
  it('shows a card only by its last four digits, however the number reached it', () => {
    expect(maskCardDigits('Visa •• 1111')).toBe('Visa •• 1111');
    expect(maskCardDigits('Visa 4111 1111 1111 1234')).toBe('Visa •• 1234');
    expect(maskCardDigits('Мир 2200-0000-0000-0004')).toBe('Мир •• 0004');
    expect(maskCardDigits('4000000000009995')).toBe('•• 9995');
    const document = receiptDocument(receipt, { storeName: 'Салон на Тверской', region: 'Москва', timeZone: 'Europe/Moscow' });
    expect(document.html).not.toMatch(/4111\s?1111/);
    expect(document.html).toContain('•• 1111');
  });

  it('says who was paid, for which number, how much, where and when', () => {
    const document = receiptDocument(receipt, { storeName: 'Салон на Тверской', region: 'Москва', timeZone: 'Europe/Moscow' });
    expect(document.title).toBe('Чек № 20261125-0001');
    const lines = Object.fromEntries(document.lines.map((line) => [line.label, line.value]));
    expect(lines).toMatchObject({
      Оператор: 'ООО «Т2 Мобайл», ИНН 7743895280',
      Салон: 'Салон на Тверской, Москва',
      'Номер телефона': '+7 900 123-45-67',
      Операция: 'Пополнение картой',
      Сумма: expect.stringMatching(/^500\s₽$/),
      Статус: 'Выполнен',
    });
    expect(lines.Дата).toContain('12:30');
    expect(document.html).toContain('<h1>Чек № 20261125-0001</h1>');
  });

  it('escapes what it prints, so a store name cannot add markup', () => {
    const document = receiptDocument(receipt, { storeName: '<img src=x onerror=alert(1)>', region: '' });
    expect(document.html).not.toContain('<img');
    expect(document.html).toContain('&lt;img');
  });
});

describe('a kiosk log', () => {
  it('keeps what happened and never whom it happened to', () => {
    const written: string[] = [];
    const sink = (message: string, fields?: unknown) => written.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const logger = redactingLogger({ info: sink, warn: sink, error: sink });
    logger.warn('autopay for +7 900 123-45-67 failed', { lineId: 'line-42', error: 'number 89001234567 is restricted', attempts: 3 });
    logger.info('a call failed', { method: 'payments.topUpByCard', msisdn: '+79001234567' });
    const text = written.join('\n');
    expect(text).not.toMatch(/900\s?123|9001234567|line-42/);
    expect(text).toContain('payments.topUpByCard');
    expect(text).toContain('"attempts":3');
  });
});
