import { DateTime } from 'luxon';
import { formatRubles } from '../../../shared/money';
import type { MailLanguage } from './ports';

/** What a letter tells, with only what the subscriber may read in a mailbox: no codes, card numbers or passwords. */
export type MailNotice =
  | { kind: 'top-up-receipt'; paymentId: string; amountKopecks: number; method: string | Record<MailLanguage, string>; msisdn: string; at: string }
  | { kind: 'transfer-receipt'; paymentId: string; amountKopecks: number; feeKopecks: number; recipient: string; msisdn: string; at: string }
  | { kind: 'new-sign-in'; signInId: string; way: string; device: string; msisdn: string; at: string }
  | { kind: 'password-changed'; eventId: string; msisdn: string; at: string }
  | { kind: 'sim-blocked'; blockId: string; msisdn: string; at: string };

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

/** "+79001234567" → "+7 900 ***-**-67": enough to recognise the number, not enough to learn it. */
export function maskedNumber(msisdn: string): string {
  const m = /^\+7(\d{3})\d{5}(\d{2})$/.exec(msisdn);
  return m ? `+7 ${m[1]} ***-**-${m[2]}` : msisdn.replace(/\d(?=\d{2})/g, '*');
}

/** Every value put into a letter's HTML goes through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** A subject is one line: a value may not smuggle a header in. */
const oneLine = (value: string) => value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();

/** Even a stray 13–19 digit run (a device name could hold one) leaves a letter as its last four digits. */
const withoutLongDigitRuns = (value: string) => value.replace(/\d(?:[ -]?\d){12,18}/g, (run) => `•• ${run.replace(/\D/g, '').slice(-4)}`);

const wayWords: Record<MailLanguage, Record<string, string>> = {
  ru: { password: 'по паролю', code: 'по коду из SMS', registration: 'первый вход', recovery: 'восстановление пароля', confirmation: 'без пароля', puk: 'по PUK-коду', social: 'через соцсеть' },
  en: { password: 'with the password', code: 'with an SMS code', registration: 'first sign-in', recovery: 'password recovery', confirmation: 'without a password', puk: 'with the PUK', social: 'through a social network' },
};

interface Line {
  label: string;
  value: string;
}

interface Letter {
  subject: string;
  greeting: string;
  lead: string;
  lines: Line[];
  closing: string;
}

/** The letter for a notice in the subscriber's language, times in the line's region's time zone. */
export function mailText(notice: MailNotice, language: MailLanguage, timeZone: string): MailText {
  return render(letter(notice, language, timeZone), language);
}

function letter(notice: MailNotice, language: MailLanguage, timeZone: string): Letter {
  const ru = language === 'ru';
  const money = (kopecks: number) => formatRubles(kopecks, ru ? 'ru' : 'en');
  const when = DateTime.fromISO(notice.at, { zone: timeZone }).setLocale(ru ? 'ru' : 'en-GB').toFormat('d MMMM yyyy, HH:mm ZZZZ');
  const number = maskedNumber(notice.msisdn);
  const greeting = ru ? 'Здравствуйте!' : 'Hello,';
  const notYou = ru
    ? 'Если это были не вы, смените пароль в личном кабинете или позвоните оператору. Мы никогда не просим в письмах пароли и коды.'
    : 'If this was not you, change your password in the cabinet or call the operator. We never ask for passwords or codes in a letter.';
  const receiptClosing = ru ? 'Это письмо — квитанция; отвечать на него не нужно.' : 'This letter is your receipt; there is no need to reply.';
  switch (notice.kind) {
    case 'top-up-receipt':
      return {
        subject: ru ? `Квитанция: пополнение ${number} на ${money(notice.amountKopecks)}` : `Receipt: ${number} topped up by ${money(notice.amountKopecks)}`,
        greeting,
        lead: ru ? 'Баланс номера пополнен.' : 'The balance of your number was topped up.',
        lines: [
          { label: ru ? 'Номер' : 'Number', value: number },
          { label: ru ? 'Сумма' : 'Amount', value: money(notice.amountKopecks) },
          { label: ru ? 'Способ' : 'Paid with', value: typeof notice.method === 'string' ? notice.method : notice.method[language] },
          { label: ru ? 'Время' : 'Time', value: when },
          { label: ru ? 'Номер платежа' : 'Payment id', value: notice.paymentId },
        ],
        closing: receiptClosing,
      };
    case 'transfer-receipt':
      return {
        subject: ru ? `Квитанция: перевод ${money(notice.amountKopecks)} на ${maskedNumber(notice.recipient)}` : `Receipt: ${money(notice.amountKopecks)} sent to ${maskedNumber(notice.recipient)}`,
        greeting,
        lead: ru ? 'Мобильный перевод выполнен.' : 'Your mobile transfer went through.',
        lines: [
          { label: ru ? 'С номера' : 'From', value: number },
          { label: ru ? 'На номер' : 'To', value: maskedNumber(notice.recipient) },
          { label: ru ? 'Сумма' : 'Amount', value: money(notice.amountKopecks) },
          { label: ru ? 'Комиссия' : 'Commission', value: money(notice.feeKopecks) },
          { label: ru ? 'Списано всего' : 'Charged in all', value: money(notice.amountKopecks + notice.feeKopecks) },
          { label: ru ? 'Время' : 'Time', value: when },
          { label: ru ? 'Номер платежа' : 'Payment id', value: notice.paymentId },
        ],
        closing: receiptClosing,
      };
    case 'new-sign-in':
      return {
        subject: ru ? `Вход в личный кабинет ${number}` : `New sign-in to the cabinet of ${number}`,
        greeting,
        lead: ru ? 'В ваш личный кабинет выполнен вход.' : 'Someone signed in to your cabinet.',
        lines: [
          { label: ru ? 'Номер' : 'Number', value: number },
          { label: ru ? 'Способ' : 'How', value: wayWords[language][notice.way] ?? notice.way },
          { label: ru ? 'Устройство' : 'Device', value: withoutLongDigitRuns(notice.device) },
          { label: ru ? 'Время' : 'Time', value: when },
        ],
        closing: notYou,
      };
    case 'password-changed':
      return {
        subject: ru ? 'Пароль личного кабинета изменён' : 'Your cabinet password was changed',
        greeting,
        lead: ru ? 'Пароль от личного кабинета изменён; остальные сеансы завершены.' : 'The password of your cabinet was changed; your other sessions were ended.',
        lines: [
          { label: ru ? 'Номер' : 'Number', value: number },
          { label: ru ? 'Время' : 'Time', value: when },
        ],
        closing: notYou,
      };
    case 'sim-blocked':
      return {
        subject: ru ? `SIM-карта ${number} заблокирована` : `The SIM of ${number} is blocked`,
        greeting,
        lead: ru
          ? 'SIM-карта заблокирована по вашей просьбе: звонки, SMS и вход по коду недоступны. Разблокировать её можно в разделе «Безопасность».'
          : 'The SIM is blocked as you asked: no calls, no SMS and no sign-in by code. You can unblock it under «Security».',
        lines: [
          { label: ru ? 'Номер' : 'Number', value: number },
          { label: ru ? 'Время' : 'Time', value: when },
        ],
        closing: notYou,
      };
  }
}

function render(letter: Letter, language: MailLanguage): MailText {
  const signature = language === 'ru' ? 'Ваш личный кабинет' : 'Your subscriber cabinet';
  const text = [letter.greeting, '', letter.lead, '', ...letter.lines.map((line) => `${line.label}: ${line.value}`), '', letter.closing, '', `— ${signature}`, ''].join('\n');
  const rows = letter.lines
    .map((line) => `<tr><th align="left" style="padding:4px 16px 4px 0;font-weight:normal;color:#555">${escapeHtml(line.label)}</th><td style="padding:4px 0">${escapeHtml(line.value)}</td></tr>`)
    .join('');
  const html = [
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(letter.subject))}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:15px;color:#111">',
    `<p>${escapeHtml(letter.greeting)}</p>`,
    `<p>${escapeHtml(letter.lead)}</p>`,
    `<table role="presentation" style="border-collapse:collapse">${rows}</table>`,
    `<p>${escapeHtml(letter.closing)}</p>`,
    `<p>— ${escapeHtml(signature)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: oneLine(letter.subject), text, html };
}
