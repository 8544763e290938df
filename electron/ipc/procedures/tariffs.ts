import type { AreaProcedures, Procedures } from '../procedure';

/** «Тариф»: advice from real usage, the catalog, a change previewed and made. */
export const tariffProcedures = (procedure: Procedures): AreaProcedures<'tariffs'> => ({
  'tariffs.advice': procedure.signedIn(async (_input, { core, line }) => core.tariffAdvisor.advise(line.id)),
  'tariffs.catalog': procedure.signedIn(async (_input, { core, line }) => core.tariffChange.catalog(line.id)),
  'tariffs.previewChange': procedure.signedIn(async ({ tariffId }, { core, line }) => core.tariffChange.preview(line.id, tariffId)),
  'tariffs.change': procedure.signedIn(async ({ tariffId, idempotencyKey }, { core, line }) => core.tariffChange.change(line.id, tariffId, idempotencyKey), { changesLine: true }),
});
