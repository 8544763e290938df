import { describe, expect, it } from 'vitest';
import { trayModel, trayNotices, trayNoticeWords, type TrayLine } from '../../../electron/desktop/trayModel';
import { bundledContentData } from '../../../electron/store/seed/contentData';
import { formatRubles } from '../../../shared/money';

const rub = (kopecks: number) => formatRubles(kopecks, 'ru');

const rules = bundledContentData().tray;
const line: TrayLine = {
  msisdn: '+79001234567',
  balanceKopecks: 34_750,
  mainRemainder: { kind: 'data', left: 15_360, total: 30_720, unit: 'mb' },
  nextChargeDate: '2026-12-05',
  monthlyFeeKopecks: 50_000,
  today: '2026-11-24',
};

describe('the tray’s menu model', () => {
  it('signed out or locked: no figure of anyone, only «open», «start with the system» and «quit»', () => {
    for (const kind of ['signed-out', 'locked'] as const) {
      const model = trayModel({ kind }, 'ru', false);
      expect(model.title).toBe('');
      expect(model.tooltip).not.toMatch(/\d/);
      expect(model.items.map((item) => item.action)).toEqual(['open', 'start-with-system', 'quit']);
    }
    expect(trayModel({ kind: 'locked' }, 'en', false).tooltip).toBe('Subscriber Cabinet — locked');
  });

  it('with a line: the number, balance and main remainder, the quick actions, and the login item’s state', () => {
    const model = trayModel({ kind: 'line', line }, 'ru', true);
    expect(model.tooltip.split('\n')).toEqual(['Личный кабинет +7 900 123-45-67', `Баланс: ${rub(34_750)}`, 'Интернет: осталось 15 ГБ из 30 ГБ']);
    expect(model.title).toBe(rub(34_750));
    expect(model.items.map((item) => item.action)).toEqual(['open', 'top-up', 'promised', 'start-with-system', 'quit']);
    expect(model.items.find((item) => item.action === 'start-with-system')!.checked).toBe(true);
    expect(trayModel({ kind: 'line', line: { ...line, mainRemainder: { kind: 'voice', left: 12, total: 500, unit: 'min' } } }, 'en', false).tooltip).toContain('Minutes: 12 min left of 500 min');
  });
});

describe('the tray’s notices', () => {
  it('the balance will not cover the next charge: said within the operator’s days ahead, once per charge date', () => {
    const soon = { ...line, today: '2026-12-05', balanceKopecks: 10_000 };
    const early = trayNotices(undefined, { ...soon, today: '2026-11-20' }, rules);
    expect(early.notices).toEqual([]);
    const first = trayNotices(early.memo, soon, rules);
    expect(first.notices).toEqual([{ kind: 'charge-not-covered', msisdn: line.msisdn, balanceKopecks: 10_000, chargeKopecks: 50_000, date: '2026-12-05' }]);
    expect(trayNotices(first.memo, soon, rules).notices).toEqual([]);
    // Enough money: nothing to say.
    expect(trayNotices(undefined, { ...soon, balanceKopecks: 50_000 }, rules).notices).toEqual([]);
    expect(trayNoticeWords(first.notices[0]!, 'ru')).toEqual({ title: 'Баланса не хватит на списание', body: `Номер +7 900 123-45-67: 5 декабря спишется ${rub(50_000)}, на счёте ${rub(10_000)}` });
  });

  it('a package nearly spent: at the operator’s share left or less, once a period', () => {
    const total = 30_720;
    const atThreshold = Math.floor((total * rules.packageLowPercent) / 100);
    const above = trayNotices(undefined, { ...line, mainRemainder: { kind: 'data', left: atThreshold + 1, total, unit: 'mb' } }, rules);
    expect(above.notices).toEqual([]);
    const low = { ...line, mainRemainder: { kind: 'data' as const, left: atThreshold, total, unit: 'mb' } };
    const said = trayNotices(above.memo, low, rules);
    expect(said.notices.map((notice) => notice.kind)).toEqual(['package-nearly-spent']);
    expect(trayNotices(said.memo, low, rules).notices).toEqual([]);
    // The next period is a new package.
    expect(trayNotices(said.memo, { ...low, nextChargeDate: '2027-01-05' }, rules).notices.map((notice) => notice.kind)).toEqual(['package-nearly-spent']);
  });
});
