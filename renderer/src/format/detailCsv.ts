import type { UsageDetail } from '../../../shared/contract/account';

/** The detail as CSV (RFC 4180, semicolon-separated as Russian spreadsheets expect; money in rubles with a dot). */
export function detailCsv(detail: UsageDetail, describe: (what: string) => string): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [['time', 'kind', 'what', 'quantity', 'amount_rub'].join(';')];
  for (const row of detail.rows) {
    lines.push([row.at, row.kind, describe(row.what), row.quantity, (row.amountKopecks / 100).toFixed(2)].map(cell).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
