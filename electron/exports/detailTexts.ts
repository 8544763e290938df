import type { DetailRow, UsageDetail } from '../../shared/contract/account';
import type { Language } from '../../shared/contract/settings';
import { formatRussianNumber } from '../../shared/phone';

/** The words of an exported detail, in the subscriber's language; the renderer's «Детализация» says the same. */
const words = {
  ru: {
    title: (number: string) => `Детализация номера ${number}`,
    period: (from: string, to: string) => `с ${from} по ${to}`,
    headers: ['Когда', 'Что', 'Объём', 'Сумма'] as const,
    csvHeaders: ['Время', 'Вид', 'Что', 'Количество', 'Единица', 'Сумма, ₽'] as const,
    kinds: { voice: 'Звонок', sms: 'SMS', data: 'Интернет', money: 'Деньги' },
    totals: (t: Totals, data: string, charged: string, paid: string) => [`Звонки: ${t.voiceMinutes} мин`, `SMS: ${t.sms}`, `Интернет: ${data}`, `Списано: ${charged}`, `Поступило: ${paid}`],
    units: { min: 'мин', sms: 'SMS', mb: 'МБ', gb: 'ГБ' },
    what: {
      'card-top-up': 'Пополнение картой',
      'wallet-top-up': 'Пополнение кошельком',
      'mobile-transfer': 'Мобильный перевод',
      'promised-payment': 'Обещанный платёж',
      'promised-repayment': 'Погашение обещанного платежа',
      'promised-write-off': 'Списание обещанного платежа',
      'monthly-fee': 'Абонентская плата',
      voice: 'Звонок',
      sms: 'SMS',
      data: 'Интернет',
      usage: 'Оплата сверх пакета',
      'tariff-fee': 'Абонентская плата',
      'service-fee': 'Плата за услугу',
      'opening-balance': 'Начальный баланс',
      'remainders-purchase': 'Маркет остатков',
      'share-fee': 'Комиссия за подарок гигабайтов',
      'received-extension': 'Продление подаренных гигабайтов',
    } as Record<string, string>,
  },
  en: {
    title: (number: string) => `Usage detail of ${number}`,
    period: (from: string, to: string) => `from ${from} to ${to}`,
    headers: ['When', 'What', 'Amount', 'Sum'] as const,
    csvHeaders: ['Time', 'Kind', 'What', 'Quantity', 'Unit', 'Amount, RUB'] as const,
    kinds: { voice: 'Call', sms: 'SMS', data: 'Internet', money: 'Money' },
    totals: (t: Totals, data: string, charged: string, paid: string) => [`Calls: ${t.voiceMinutes} min`, `SMS: ${t.sms}`, `Internet: ${data}`, `Charged: ${charged}`, `Paid in: ${paid}`],
    units: { min: 'min', sms: 'SMS', mb: 'MB', gb: 'GB' },
    what: {
      'card-top-up': 'Card top-up',
      'wallet-top-up': 'E-wallet top-up',
      'mobile-transfer': 'Mobile transfer',
      'promised-payment': 'Promised payment',
      'promised-repayment': 'Promised payment repaid',
      'promised-write-off': 'Promised payment written off',
      'monthly-fee': 'Monthly fee',
      voice: 'Call',
      sms: 'SMS',
      data: 'Internet',
      usage: 'Usage beyond the package',
      'tariff-fee': 'Monthly fee',
      'service-fee': 'Service fee',
      'opening-balance': 'Opening balance',
      'remainders-purchase': 'Remainders market',
      'share-fee': 'Fee for giving gigabytes',
      'received-extension': 'Gift of gigabytes extended',
    } as Record<string, string>,
  },
};

type Totals = UsageDetail['totals'];

export interface DetailTexts {
  title: string;
  period: string;
  headers: readonly [string, string, string, string];
  totals: string[];
  /** What a row was, in words («Звонок», «Пополнение картой»); an unknown kind as it is. */
  describe(what: string): string;
  /** A row's four cells: when (in the region's time zone), what, how much, money. */
  row(row: DetailRow): [string, string, string, string];
  /** The CSV's header, in the subscriber's language. */
  csvHeaders: readonly string[];
  /**
   * A CSV row for a spreadsheet in the subscriber's language: the local time in ISO 8601 with the region's offset and
   * no seconds («2026-12-03T14:05+07:00»), the kind in words, the quantity in the unit it is billed in, and numbers
   * with the language's decimal separator (a comma in Russian) and an ASCII minus, which spreadsheets read as a number.
   */
  csvRow(row: DetailRow): string[];
}

/** "2026-12-03T14:05+07:00": an instant as the local time of `timeZone`, to the minute, with its offset. */
export function localIsoMinutes(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  });
  return (iso) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(iso))) parts[part.type] = part.value;
    const offset = parts.timeZoneName === 'GMT' ? '+00:00' : (parts.timeZoneName ?? 'GMT+00:00').slice(3).replace('\u2212', '-');
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
  };
}

/**
 * The texts of one export. Formatters are made once: a year of detail is 50,000 rows, and an Intl formatter
 * made per row would cost more than drawing it.
 */
export function detailTexts(language: Language, msisdn: string, timeZone: string, detail: Pick<UsageDetail, 'from' | 'to' | 'totals'>): DetailTexts {
  const w = words[language];
  const locale = language === 'en' ? 'en-GB' : 'ru-RU';
  const numberLocale = language === 'en' ? 'en-US' : 'ru-RU';
  const whole = new Intl.NumberFormat(numberLocale, { style: 'currency', currency: 'RUB', minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const fractional = new Intl.NumberFormat(numberLocale, { style: 'currency', currency: 'RUB', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 0 });
  const tenths = new Intl.NumberFormat(numberLocale, { maximumFractionDigits: 1 });
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const money = (kopecks: number) => (kopecks % 100 === 0 ? whole : fractional).format(kopecks / 100);
  const data = (mb: number) => (mb >= 1024 ? `${tenths.format(mb / 1024)} ${w.units.gb}` : `${count.format(mb)} ${w.units.mb}`);
  const describe = (what: string) => w.what[what] ?? what;
  const localTime = localIsoMinutes(timeZone);
  // "-123.45" → "-123,45" in Russian: the separator a Russian spreadsheet reads; no grouping, an ASCII minus.
  const decimal = (text: string) => (language === 'ru' ? text.replace('.', ',') : text);
  const quantity = (row: DetailRow) => {
    if (row.kind === 'voice') return `${count.format(Math.ceil(row.quantity / 60))} ${w.units.min}`;
    if (row.kind === 'data') return data(Math.ceil(row.quantity / 1024));
    if (row.kind === 'sms') return `${count.format(row.quantity)} ${w.units.sms}`;
    return '';
  };
  return {
    title: w.title(formatRussianNumber(msisdn)),
    period: w.period(day.format(new Date(`${detail.from}T00:00:00Z`)), day.format(new Date(`${detail.to}T00:00:00Z`))),
    headers: w.headers,
    totals: w.totals(detail.totals, data(detail.totals.dataMb), money(detail.totals.chargedKopecks), money(detail.totals.paidKopecks)),
    describe,
    row: (row) => [time.format(new Date(row.at)), describe(row.what), quantity(row), row.amountKopecks === 0 ? '' : money(row.amountKopecks)],
    csvHeaders: w.csvHeaders,
    csvRow: (row) => {
      const [amount, unit] =
        row.kind === 'voice'
          ? [String(Math.ceil(row.quantity / 60)), w.units.min]
          : row.kind === 'data'
            ? [decimal((row.quantity / 1024).toFixed(1)), w.units.mb]
            : row.kind === 'sms'
              ? [String(row.quantity), w.units.sms]
              : ['', ''];
      return [localTime(row.at), w.kinds[row.kind], describe(row.what), amount, unit, decimal((row.amountKopecks / 100).toFixed(2))];
    },
  };
}
