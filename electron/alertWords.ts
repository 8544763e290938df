import type { LineAlert } from '../shared/contract/profile';
import type { Language } from '../shared/contract/settings';
import { formatRubles } from '../shared/money';
import { formatRussianNumber } from '../shared/phone';

const units = { ru: { min: 'мин', sms: 'SMS', mb: 'МБ' }, en: { min: 'min', sms: 'SMS', mb: 'MB' } } as const;
const kinds = { ru: { voice: 'минуты', sms: 'SMS', data: 'интернет' }, en: { voice: 'minutes', sms: 'SMS', data: 'internet' } } as const;

/** An alert as an OS notification's title and body, in the app's language. */
export function alertWords(alert: LineAlert, language: Language): { title: string; body: string } {
  const number = formatRussianNumber(alert.msisdn);
  const money = (kopecks: number) => formatRubles(kopecks, language);
  const ru = language === 'ru';
  switch (alert.kind) {
    case 'low-balance':
      return ru
        ? { title: 'Баланс ниже порога', body: `Баланс номера ${number} — ${money(alert.balanceKopecks)}, ниже ${money(alert.thresholdKopecks)}` }
        : { title: 'Low balance', body: `The balance of ${number} is ${money(alert.balanceKopecks)}, below ${money(alert.thresholdKopecks)}` };
    case 'package-low': {
      const unit = units[language][alert.unit as keyof (typeof units)['ru']] ?? alert.unit;
      const what = kinds[language][alert.packageKind];
      return ru
        ? { title: 'Пакет почти израсходован', body: `Номер ${number}: ${what} — осталось ${alert.left} ${unit} из ${alert.total}` }
        : { title: 'Package nearly used up', body: `${number}: ${what} — ${alert.left} ${unit} of ${alert.total} left` };
    }
    case 'promised-due': {
      const date = new Intl.DateTimeFormat(ru ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(alert.dueAt));
      return ru
        ? { title: 'Срок обещанного платежа', body: `Номер ${number}: вернуть ${money(alert.owedKopecks)} до ${date}` }
        : { title: 'Promised payment due', body: `${number}: repay ${money(alert.owedKopecks)} by ${date}` };
    }
    case 'payment-arrived':
      return ru
        ? { title: 'Платёж поступил', body: `На номер ${number} поступило ${money(alert.amountKopecks)}, баланс ${money(alert.balanceKopecks)}` }
        : { title: 'Payment arrived', body: `${money(alert.amountKopecks)} arrived on ${number}, balance ${money(alert.balanceKopecks)}` };
    case 'budget-over':
      return ru
        ? { title: 'Прогноз расходов выше бюджета', body: `Номер ${number}: прогноз на период ${money(alert.forecastKopecks)}, бюджет ${money(alert.budgetKopecks)}` }
        : { title: 'Spend forecast over budget', body: `${number}: the period's forecast is ${money(alert.forecastKopecks)}, the budget ${money(alert.budgetKopecks)}` };
  }
}
