import type { Language } from '../../shared/contract/settings';
import { formatRubles } from '../../shared/money';
import { formatRussianNumber } from '../../shared/phone';

/** What the tray shows of the main window's line: its balance, its main remainder, the next charge. */
export interface TrayLine {
  msisdn: string;
  balanceKopecks: number;
  /** The first package of the tariff (internet, else minutes, else SMS); null: the tariff has none. */
  mainRemainder: { kind: 'voice' | 'data' | 'sms'; left: number; total: number; unit: string } | null;
  /** The day the next monthly fee is charged, in the region's calendar. */
  nextChargeDate: string;
  /** What that charge will be (tariff and services). */
  monthlyFeeKopecks: number;
  /** Today in the line's region's calendar. */
  today: string;
}

/** Signed out and locked show nothing of a subscriber: only «open the cabinet». */
export type TrayState = { kind: 'signed-out' } | { kind: 'locked' } | { kind: 'line'; line: TrayLine };

export type TrayAction = 'open' | 'top-up' | 'promised' | 'start-with-system' | 'quit';
export interface TrayItem {
  action: TrayAction;
  label: string;
  /** A checkbox item's state (start with the system). */
  checked?: boolean;
}

export interface TrayModel {
  tooltip: string;
  /** Beside the icon on macOS's menu bar; empty when nothing may be shown. */
  title: string;
  items: TrayItem[];
}

const words = {
  ru: {
    app: 'Личный кабинет',
    locked: 'заблокирован',
    signedOut: 'вход не выполнен',
    balance: 'Баланс',
    open: 'Открыть кабинет',
    topUp: 'Пополнить счёт',
    promised: 'Обещанный платёж',
    startWithSystem: 'Запускать вместе с системой',
    quit: 'Выйти из приложения',
    kinds: { data: 'Интернет', voice: 'Минуты', sms: 'SMS' },
    units: { mb: 'МБ', gb: 'ГБ', min: 'мин', sms: 'SMS' } as Record<string, string>,
    left: 'осталось',
    of: 'из',
  },
  en: {
    app: 'Subscriber Cabinet',
    locked: 'locked',
    signedOut: 'not signed in',
    balance: 'Balance',
    open: 'Open the cabinet',
    topUp: 'Top up',
    promised: 'Promised payment',
    startWithSystem: 'Start with the system',
    quit: 'Quit',
    kinds: { data: 'Internet', voice: 'Minutes', sms: 'SMS' },
    units: { mb: 'MB', gb: 'GB', min: 'min', sms: 'SMS' } as Record<string, string>,
    left: 'left',
    of: 'of',
  },
};

/** A remainder as the tray says it: megabytes past a gigabyte in GB with one decimal. */
function amount(value: number, unit: string, language: Language): string {
  const w = words[language];
  if (unit === 'mb' && value >= 1024) return `${(value / 1024).toLocaleString(language === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 })} ${w.units.gb}`;
  return `${value} ${w.units[unit] ?? unit}`;
}

export function remainderText(remainder: NonNullable<TrayLine['mainRemainder']>, language: Language): string {
  const w = words[language];
  const left = amount(remainder.left, remainder.unit, language);
  const total = amount(remainder.total, remainder.unit, language);
  return language === 'ru' ? `${w.kinds[remainder.kind]}: ${w.left} ${left} ${w.of} ${total}` : `${w.kinds[remainder.kind]}: ${left} ${w.left} ${w.of} ${total}`;
}

/**
 * The tray's tooltip, title and menu for a state. Signed out or locked, nothing of the subscriber is shown and only
 * «open» (and the app's own items) are offered; with a line, its balance and main remainder, and the quick actions.
 */
export function trayModel(state: TrayState, language: Language, startsWithSystem: boolean): TrayModel {
  const w = words[language];
  const tail: TrayItem[] = [
    { action: 'start-with-system', label: w.startWithSystem, checked: startsWithSystem },
    { action: 'quit', label: w.quit },
  ];
  if (state.kind !== 'line') {
    return { tooltip: `${w.app} — ${state.kind === 'locked' ? w.locked : w.signedOut}`, title: '', items: [{ action: 'open', label: w.open }, ...tail] };
  }
  const { line } = state;
  const balance = `${w.balance}: ${formatRubles(line.balanceKopecks, language)}`;
  const remainder = line.mainRemainder ? remainderText(line.mainRemainder, language) : null;
  return {
    tooltip: [`${w.app} ${formatRussianNumber(line.msisdn)}`, balance, ...(remainder ? [remainder] : [])].join('\n'),
    title: formatRubles(line.balanceKopecks, language),
    items: [{ action: 'open', label: w.open }, { action: 'top-up', label: w.topUp }, { action: 'promised', label: w.promised }, ...tail],
  };
}

/** The tray's thresholds (operator data, content.json `tray`). */
export interface TrayRules {
  /** A package with this share left or less is «nearly spent». */
  packageLowPercent: number;
  /** The next charge is looked at this many days ahead. */
  chargeAheadDays: number;
}

export type TrayNotice =
  | { kind: 'charge-not-covered'; msisdn: string; balanceKopecks: number; chargeKopecks: number; date: string }
  | { kind: 'package-nearly-spent'; msisdn: string; remainder: NonNullable<TrayLine['mainRemainder']> };

/** What was already said, so each notice comes once per charge date / period, not on every change. */
export interface TrayNoticeMemo {
  said: string[];
}

/**
 * The tray's notices: the balance will not cover the next charge (due within `chargeAheadDays`), or the main package
 * is nearly spent. Each is said once for its charge date; the first look at a line says what is so already, too —
 * the tray is where a subscriber learns of it without opening the cabinet.
 */
export function trayNotices(memo: TrayNoticeMemo | undefined, line: TrayLine, rules: TrayRules): { notices: TrayNotice[]; memo: TrayNoticeMemo } {
  const said = new Set(memo?.said ?? []);
  const notices: TrayNotice[] = [];
  const daysAhead = (Date.parse(`${line.nextChargeDate}T00:00:00Z`) - Date.parse(`${line.today}T00:00:00Z`)) / 86_400_000;
  const chargeKey = `charge:${line.msisdn}@${line.nextChargeDate}`;
  if (line.monthlyFeeKopecks > 0 && line.balanceKopecks < line.monthlyFeeKopecks && daysAhead >= 0 && daysAhead <= rules.chargeAheadDays && !said.has(chargeKey)) {
    notices.push({ kind: 'charge-not-covered', msisdn: line.msisdn, balanceKopecks: line.balanceKopecks, chargeKopecks: line.monthlyFeeKopecks, date: line.nextChargeDate });
    said.add(chargeKey);
  }
  const remainder = line.mainRemainder;
  const packageKey = `package:${line.msisdn}:${remainder?.kind}@${line.nextChargeDate}`;
  if (remainder && remainder.total > 0 && remainder.left * 100 <= remainder.total * rules.packageLowPercent && !said.has(packageKey)) {
    notices.push({ kind: 'package-nearly-spent', msisdn: line.msisdn, remainder });
    said.add(packageKey);
  }
  return { notices, memo: { said: [...said].slice(-50) } };
}

/** A notice as an OS notification's title and body. */
export function trayNoticeWords(notice: TrayNotice, language: Language): { title: string; body: string } {
  const ru = language === 'ru';
  const number = formatRussianNumber(notice.msisdn);
  if (notice.kind === 'charge-not-covered') {
    const date = new Intl.DateTimeFormat(ru ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${notice.date}T00:00:00Z`));
    return ru
      ? { title: 'Баланса не хватит на списание', body: `Номер ${number}: ${date} спишется ${formatRubles(notice.chargeKopecks, 'ru')}, на счёте ${formatRubles(notice.balanceKopecks, 'ru')}` }
      : { title: 'The balance will not cover the next charge', body: `${number}: ${formatRubles(notice.chargeKopecks, 'en')} is charged on ${date}, the balance is ${formatRubles(notice.balanceKopecks, 'en')}` };
  }
  return ru
    ? { title: 'Пакет почти израсходован', body: `Номер ${number}: ${remainderText(notice.remainder, 'ru')}` }
    : { title: 'Package nearly used up', body: `${number}: ${remainderText(notice.remainder, 'en')}` };
}
