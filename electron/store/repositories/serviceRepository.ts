import type { LocalizedText } from '../../../shared/contract/common';
import type { ServiceCard } from '../../../shared/contract/account';
import type { ServiceOffer, ServiceRepository } from '../../core/account/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlServiceRepository implements ServiceRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async offeredIn(regionId: string): Promise<ServiceOffer[]> {
    const rows = await this.sql.all<{ id: string; category: string; name_ru: string; name_en: string; description_ru: string; description_en: string; fee: number }>(
      `SELECT s.id, s.category, s.name_ru, s.name_en, s.description_ru, s.description_en, p.monthly_fee_kopecks AS fee
         FROM services s JOIN service_prices p ON p.service_id = s.id AND p.region_id = $regionId
        ORDER BY s.category, s.name_ru`,
      { regionId },
    );
    const entries = [];
    for (const row of rows) {
      const adds: ServiceCard['adds'] = {};
      for (const pkg of await this.sql.all<{ kind: string; amount: number }>('SELECT kind, amount FROM service_packages WHERE service_id = $id', { id: row.id })) {
        adds[pkg.kind as keyof ServiceCard['adds']] = pkg.amount;
      }
      const incompatible = await this.sql.all<{ other_kind: string; other_id: string }>(
        'SELECT other_kind, other_id FROM service_incompatibilities WHERE service_id = $id',
        { id: row.id },
      );
      entries.push({
        card: {
          id: row.id,
          category: row.category as ServiceCard['category'],
          name: { ru: row.name_ru, en: row.name_en },
          description: { ru: row.description_ru, en: row.description_en },
          monthlyFeeKopecks: row.fee,
          adds,
        },
        incompatibleTariffs: incompatible.filter((i) => i.other_kind === 'tariff').map((i) => i.other_id),
        incompatibleServices: incompatible.filter((i) => i.other_kind === 'service').map((i) => i.other_id),
      });
    }
    return entries;
  }

  async connectedTo(lineId: string): Promise<string[]> {
    return (await this.sql.all<{ service_id: string }>('SELECT service_id FROM line_services WHERE line_id = $lineId ORDER BY service_id', { lineId })).map((row) => row.service_id);
  }

  async connect(lineId: string, serviceId: string, at: string): Promise<void> {
    await this.sql.run('INSERT INTO line_services (line_id, service_id, connected_at) VALUES ($lineId, $serviceId, $at)', { lineId, serviceId, at });
  }

  async disconnect(lineId: string, serviceId: string): Promise<void> {
    await this.sql.run('DELETE FROM line_services WHERE line_id = $lineId AND service_id = $serviceId', { lineId, serviceId });
  }

  async tariffName(tariffId: string): Promise<LocalizedText | null> {
    const row = await this.sql.one<{ name_ru: string; name_en: string }>('SELECT name_ru, name_en FROM tariffs WHERE id = $tariffId', { tariffId });
    return row ? { ru: row.name_ru, en: row.name_en } : null;
  }
}
