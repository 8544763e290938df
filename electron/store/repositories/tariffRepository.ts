import type { TariffCard } from '../../../shared/contract/account';
import type { TariffRepository } from '../../core/account/ports';
import type { SqlExecutor } from '../sqlExecutor';
import { splitList } from './accountRepository';

type Row = {
  id: string;
  name_ru: string;
  name_en: string;
  description_ru: string;
  description_en: string;
  archived: number;
  monthly_fee_kopecks: number;
  rollover: string;
  unlimited: string;
};

const cardColumns = `t.id, t.name_ru, t.name_en, t.description_ru, t.description_en, t.archived, t.rollover, t.unlimited, p.monthly_fee_kopecks`;

export class SqlTariffRepository implements TariffRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async offeredIn(regionId: string): Promise<TariffCard[]> {
    const rows = await this.sql.all<Row>(
      `SELECT ${cardColumns} FROM tariffs t JOIN tariff_prices p ON p.tariff_id = t.id AND p.region_id = $regionId
        WHERE t.archived = 0 ORDER BY p.monthly_fee_kopecks, t.id`,
      { regionId },
    );
    const cards: TariffCard[] = [];
    for (const row of rows) cards.push(await this.toCard(row));
    return cards;
  }

  async card(tariffId: string, regionId: string): Promise<TariffCard | null> {
    const row = await this.sql.one<Row>(
      `SELECT ${cardColumns} FROM tariffs t JOIN tariff_prices p ON p.tariff_id = t.id AND p.region_id = $regionId WHERE t.id = $tariffId`,
      { tariffId, regionId },
    );
    return row ? this.toCard(row) : null;
  }

  async moveLine(lineId: string, tariffId: string, since: string): Promise<void> {
    await this.sql.run('UPDATE lines SET tariff_id = $tariffId, tariff_since = $since WHERE id = $lineId', { lineId, tariffId, since });
  }

  private async toCard(row: Row): Promise<TariffCard> {
    const packages: TariffCard['packages'] = {};
    for (const pkg of await this.sql.all<{ kind: string; amount: number }>('SELECT kind, amount FROM tariff_packages WHERE tariff_id = $id', { id: row.id })) {
      packages[pkg.kind as keyof TariffCard['packages']] = pkg.amount;
    }
    return {
      id: row.id,
      name: { ru: row.name_ru, en: row.name_en },
      description: { ru: row.description_ru, en: row.description_en },
      monthlyFeeKopecks: row.monthly_fee_kopecks,
      packages,
      rollover: splitList(row.rollover) as TariffCard['rollover'],
      unlimited: splitList(row.unlimited),
      archived: row.archived === 1,
    };
  }
}
