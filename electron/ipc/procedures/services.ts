import type { AreaProcedures, Procedures } from '../procedure';

/** «Услуги»: the catalog, and a service connected or disconnected. */
export const serviceProcedures = (procedure: Procedures): AreaProcedures<'services'> => ({
  'services.catalog': procedure.signedIn(async (_input, { core, line }) => core.serviceSubscriptions.catalog(line.id)),
  'services.connect': procedure.signedIn(async ({ serviceId, idempotencyKey }, { core, line }) => core.serviceSubscriptions.connect(line.id, serviceId, idempotencyKey), { changesLine: true }),
  'services.disconnect': procedure.signedIn(async ({ serviceId }, { core, line }) => core.serviceSubscriptions.disconnect(line.id, serviceId), { changesLine: true }),
});
