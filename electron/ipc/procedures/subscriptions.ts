import type { BudgetForecast } from '../../core/budget/spendBudget';
import type { ContentSubscriptionView } from '../../core/subscriptions/contentSubscriptions';
import type { BanState } from '../../core/subscriptions/lineBans';
import type { AreaProcedures, Procedures } from '../procedure';

/** «Подписки и запреты»: content subscriptions, the line's bans, the spend forecast and its budget. */
export const subscriptionProcedures = (procedure: Procedures): AreaProcedures<'subscriptions'> => ({
  'subscriptions.list': procedure.signedIn(async (_input, { core, line }) => subscriptionsAndBans(await core.contentSubscriptions.list(line.id), await core.lineBans.status(line.id))),
  'subscriptions.cancel': procedure.signedIn(
    async ({ subscriptionId }, { core, line }) => {
      const list = await core.contentSubscriptions.cancel(line.id, subscriptionId);
      return subscriptionsAndBans(list, await core.lineBans.status(line.id));
    },
    { changesLine: true },
  ),
  'subscriptions.setBan': procedure.signedIn(async ({ kind, on, password }, { core, session, line }) => {
    const bans = await core.lineBans.set(session, kind, on, password);
    return subscriptionsAndBans(await core.contentSubscriptions.list(line.id), bans);
  }),
  'subscriptions.forecast': procedure.signedIn(async (_input, { core, line }) => budgetView(await core.spendBudget.forecast(line.id))),
  // The alerts look again (a change of the line's): a budget under the forecast is said at once.
  'subscriptions.setBudget': procedure.signedIn(async ({ monthlyKopecks }, { core, line }) => budgetView(await core.spendBudget.setBudget(line.id, monthlyKopecks)), { changesLine: true }),
});

function subscriptionsAndBans(list: ContentSubscriptionView[], bans: BanState[]) {
  return {
    subscriptions: list.map((item) => ({
      id: item.id,
      name: item.offer.name,
      provider: { name: item.offer.provider.name, shortNumber: item.offer.provider.shortNumber },
      feeKopecks: item.offer.feeKopecks,
      every: item.offer.every,
      startedAt: item.startedAt,
      cancelledAt: item.cancelledAt,
      nextChargeAt: item.nextChargeAt,
    })),
    bans,
  };
}

function budgetView(forecast: BudgetForecast) {
  return {
    period: { start: forecast.period.start, end: forecast.period.end },
    chargedKopecks: forecast.chargedKopecks,
    usageKopecks: forecast.usageKopecks,
    projectedUsageKopecks: forecast.projectedUsageKopecks,
    feesDueKopecks: forecast.feesDueKopecks,
    forecastKopecks: forecast.forecastKopecks,
    budgetKopecks: forecast.budgetKopecks,
    overBudget: forecast.overBudget,
    minBudgetKopecks: forecast.minBudgetKopecks,
    maxBudgetKopecks: forecast.maxBudgetKopecks,
    asOf: forecast.asOf,
  };
}
