import { billingPeriodAt } from '../../core/account/billingPeriod';
import { billedUnits } from '../../core/account/usageBilling';
import type { Clock } from '../../core/clock';
import type { IdGenerator } from '../../core/ids';
import { lineAccount, OPENING_BALANCES_ACCOUNT } from '../../core/account/ledgerAccounts';
import type { SqlExecutor } from '../sqlExecutor';
import type { OperatorData } from './operatorData';

export interface SeedDependencies {
  clock: Clock;
  ids: IdGenerator;
  /** Demo passwords go in only as slow salted hashes. */
  hashPassword(password: string): Promise<string>;
  /** PUKs go in only as keyed hashes (the line id is the context). */
  hashPuk(lineId: string, puk: string): string;
}


/** Fills an empty store with the operator's regions, catalogs and demo subscribers. */
export async function seedOperatorData(sql: SqlExecutor, data: OperatorData, deps: SeedDependencies): Promise<void> {
  const now = deps.clock.now();
  const nowIso = new Date(now).toISOString();
  const regions = new Map(data.regions.map((region) => [region.id, region]));

  for (const region of data.regions) {
    await sql.run('INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, $ru, $en, $timeZone)', {
      id: region.id,
      ru: region.name.ru,
      en: region.name.en,
      timeZone: region.timeZone,
    });
  }
  for (const tariff of data.tariffs) {
    await sql.run(
      `INSERT INTO tariffs (id, name_ru, name_en, description_ru, description_en, archived, rollover, unlimited)
       VALUES ($id, $nameRu, $nameEn, $descriptionRu, $descriptionEn, $archived, $rollover, $unlimited)`,
      {
        rollover: tariff.rollover.join(','),
        unlimited: tariff.unlimited.join(','),
        id: tariff.id,
        nameRu: tariff.name.ru,
        nameEn: tariff.name.en,
        descriptionRu: tariff.description.ru,
        descriptionEn: tariff.description.en,
        archived: tariff.archived ? 1 : 0,
      },
    );
    for (const [kind, amount] of Object.entries(tariff.packages)) {
      await sql.run('INSERT INTO tariff_packages (tariff_id, kind, amount) VALUES ($tariffId, $kind, $amount)', {
        tariffId: tariff.id,
        kind,
        amount,
      });
    }
    await insertRegionalFees(sql, regions, 'tariff', tariff.id, tariff.monthlyFee);
    await sql.run(
      `INSERT INTO tariff_overage (tariff_id, voice_per_minute_kopecks, sms_each_kopecks, data_per_mb_kopecks)
       VALUES ($tariffId, $voice, $sms, $data)`,
      { tariffId: tariff.id, voice: tariff.overage.voicePerMinute, sms: tariff.overage.smsEach, data: tariff.overage.dataPerMb },
    );
  }
  for (const service of data.services) {
    await sql.run(
      `INSERT INTO services (id, category, name_ru, name_en, description_ru, description_en, unlimited)
       VALUES ($id, $category, $nameRu, $nameEn, $descriptionRu, $descriptionEn, $unlimited)`,
      {
        unlimited: service.unlimited.join(','),
        id: service.id,
        category: service.category,
        nameRu: service.name.ru,
        nameEn: service.name.en,
        descriptionRu: service.description.ru,
        descriptionEn: service.description.en,
      },
    );
    await insertRegionalFees(sql, regions, 'service', service.id, service.monthlyFee);
    for (const [kind, amount] of Object.entries(service.adds)) {
      await sql.run('INSERT INTO service_packages (service_id, kind, amount) VALUES ($serviceId, $kind, $amount)', { serviceId: service.id, kind, amount });
    }
    for (const [otherKind, ids] of [['tariff', service.incompatibleWith.tariffs], ['service', service.incompatibleWith.services]] as const) {
      for (const otherId of ids) {
        await sql.run('INSERT INTO service_incompatibilities (service_id, other_kind, other_id) VALUES ($serviceId, $otherKind, $otherId)', {
          serviceId: service.id,
          otherKind,
          otherId,
        });
      }
    }
  }

  for (const subscriber of data.demoSubscribers) {
    const region = requireKnown(regions, subscriber.regionId, `subscriber ${subscriber.id}`);
    await sql.run(
      `INSERT INTO subscribers (id, full_name, region_id, password_hash, password_set_at, created_at)
       VALUES ($id, $name, $regionId, $hash, $passwordSetAt, $now)`,
      {
        id: subscriber.id,
        name: subscriber.name,
        regionId: region.id,
        hash: subscriber.password === null ? null : await deps.hashPassword(subscriber.password),
        passwordSetAt: subscriber.password === null ? null : nowIso,
        now: nowIso,
      },
    );
    let firstLineId: string | null = null;
    for (const line of subscriber.lines) {
      const tariff = data.tariffs.find((candidate) => candidate.id === line.tariffId);
      if (!tariff || tariff.monthlyFee[region.id] === undefined) {
        throw new Error(`operator data: line ${line.msisdn} has tariff "${line.tariffId}", which is not priced in region "${region.id}"`);
      }
      const lineId = deps.ids.next('line');
      firstLineId ??= lineId;
      await sql.run(
        `INSERT INTO lines (id, msisdn, subscriber_id, tariff_id, status, billing_day, created_at)
         VALUES ($id, $msisdn, $subscriberId, $tariffId, $status, $billingDay, $now)`,
        {
          id: lineId,
          msisdn: line.msisdn,
          subscriberId: subscriber.id,
          tariffId: line.tariffId,
          status: line.status,
          billingDay: line.billingDay,
          now: new Date(now - line.activatedDaysAgo * 86_400_000).toISOString(),
        },
      );
      await sql.run('INSERT INTO puk_codes (line_id, puk_hash, failed_attempts, disabled_at) VALUES ($lineId, $hash, 0, NULL)', {
        lineId,
        hash: deps.hashPuk(lineId, line.puk),
      });
      await postOpeningBalance(sql, deps, lineId, line.openingBalanceKopecks, nowIso);
      for (const serviceId of line.services) {
        await sql.run('INSERT INTO line_services (line_id, service_id, connected_at) VALUES ($lineId, $serviceId, $now)', { lineId, serviceId, now: nowIso });
      }

      // The current period's fee counts as paid (the opening balance is what was left after it).
      await sql.run('UPDATE lines SET fee_paid_from = $start WHERE id = $lineId', { start: billingPeriodAt(now, region.timeZone, line.billingDay).start, lineId });
      // The current period's usage as the data file gives it, and three earlier periods like it
      // (a little more or less each month), so detail, charts and the tariff advisor have a history.
      let period = billingPeriodAt(now, region.timeZone, line.billingDay);
      for (const [age, scale] of [[0, 1], [1, 0.9], [2, 1.15], [3, 1.05]] as const) {
        if (age > 0) period = billingPeriodAt(Date.parse(period.fromIso) - 1, region.timeZone, line.billingDay);
        const periodStart = Date.parse(period.fromIso);
        const periodEnd = Date.parse(period.toIso);
        for (const [index, usage] of line.usage.entries()) {
          const planned = periodStart + (usage.periodDay - 1) * 86_400_000 + (9 + (index % 12)) * 3_600_000;
          const occurredAt = Math.max(periodStart, Math.min(planned, periodEnd - 60_000, now - (index + 1) * 60_000));
          const quantity = Math.max(1, Math.round(usage.quantity * scale));
          await sql.run(
            `INSERT INTO usage_events (id, line_id, kind, occurred_at, quantity, billed_units)
             VALUES ($id, $lineId, $kind, $at, $quantity, $billed)`,
            {
              id: deps.ids.next('usage'),
              lineId,
              kind: usage.kind,
              at: new Date(occurredAt).toISOString(),
              quantity,
              billed: billedUnits(usage.kind, quantity),
            },
          );
        }
      }
    }
    for (const identity of subscriber.socialIdentities) {
      await sql.run(
        `INSERT INTO social_identities (provider, subject, subscriber_id, line_id, linked_at)
         VALUES ($provider, $subject, $subscriberId, $lineId, $now)`,
        { provider: identity.provider, subject: identity.subject, subscriberId: subscriber.id, lineId: firstLineId, now: nowIso },
      );
    }
  }
}

async function postOpeningBalance(sql: SqlExecutor, deps: SeedDependencies, lineId: string, amount: number, at: string): Promise<void> {
  const transactionId = deps.ids.next('txn');
  await sql.run(`INSERT INTO ledger_transactions (id, kind, idempotency_key, created_at) VALUES ($id, 'opening-balance', $key, $at)`, {
    id: transactionId,
    key: `opening-balance:${lineId}`,
    at,
  });
  const entries: Array<[string, number]> = [
    [lineAccount(lineId), amount],
    [OPENING_BALANCES_ACCOUNT, -amount],
  ];
  for (const [account, kopecks] of entries) {
    await sql.run('INSERT INTO ledger_entries (id, transaction_id, account, amount_kopecks) VALUES ($id, $transactionId, $account, $kopecks)', {
      id: deps.ids.next('entry'),
      transactionId,
      account,
      kopecks,
    });
  }
}

async function insertRegionalFees(
  sql: SqlExecutor,
  regions: Map<string, unknown>,
  owner: 'tariff' | 'service',
  ownerId: string,
  fees: Record<string, number>,
): Promise<void> {
  for (const [regionId, fee] of Object.entries(fees)) {
    requireKnown(regions, regionId, `${owner} ${ownerId}`);
    await sql.run(`INSERT INTO ${owner}_prices (${owner}_id, region_id, monthly_fee_kopecks) VALUES ($ownerId, $regionId, $fee)`, { ownerId, regionId, fee });
  }
}

function requireKnown<T>(map: Map<string, T>, id: string, where: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`operator data: ${where} names region "${id}", which is not in regions.json`);
  return found;
}
