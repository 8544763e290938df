import type { AreaProcedures, Procedures } from '../procedure';

/** «Главная» and «Детализация»: the line at a glance, recent activity, usage detail and its export. */
export const accountProcedures = (procedure: Procedures): AreaProcedures<'account'> => ({
  'account.overview': procedure.signedIn(async (_input, { core, line }) => core.accountOverview.forLine(line.id)),
  'account.recentActivity': procedure.signedIn(async (_input, { core, line }) => core.accountOverview.recentActivity(line.id)),
  'account.detailSummary': procedure.signedIn(async ({ from, to, kind }, { core, line }) => core.usageDetail.summary(line.id, from, to, kind)),
  'account.detailPage': procedure.signedIn(async ({ from, to, kind, cursor, limit }, { core, line }) => core.usageDetail.page(line.id, from, to, kind, cursor, limit)),
  'account.exportDetail': procedure.signedIn(async ({ from, to, kind, format }, { core, line, windowId, deps }) => {
    const language = deps.settings.preferences().language;
    return core.detailExports.export(windowId, { lineId: line.id, msisdn: line.msisdn, from, to, kind, format, language });
  }),
  'account.cancelExport': procedure.store(async (_input, { core, windowId }) => ({ cancelled: core.detailExports.cancel(windowId) })),
});
