import type { Handlers } from './dispatcher';
import { procedures, type ProcedureDependencies } from './procedure';
import { accountProcedures } from './procedures/account';
import { authProcedures } from './procedures/auth';
import { kioskProcedures } from './procedures/kiosk';
import { numberProcedures } from './procedures/numbers';
import { paymentProcedures } from './procedures/payments';
import { profileProcedures } from './procedures/profile';
import { remainderProcedures } from './procedures/remainders';
import { securityProcedures } from './procedures/security';
import { serviceProcedures } from './procedures/services';
import { settingsProcedures } from './procedures/settings';
import { subscriptionProcedures } from './procedures/subscriptions';
import { supportProcedures } from './procedures/support';
import { tariffProcedures } from './procedures/tariffs';
import { vaultProcedures } from './procedures/vault';

export type { CoreServices, KioskDependencies, LoginItem, ProcedureDependencies as HandlerDependencies } from './procedure';

/**
 * Every contract method, answered by its area's procedures (electron/ipc/procedures/<area>.ts) through one
 * middleware (electron/ipc/procedure.ts). The compiler refuses a contract method left without one.
 */
export function createHandlers(deps: ProcedureDependencies): Handlers {
  const procedure = procedures(deps);
  return {
    ...authProcedures(procedure),
    ...accountProcedures(procedure),
    ...tariffProcedures(procedure),
    ...serviceProcedures(procedure),
    ...paymentProcedures(procedure),
    ...securityProcedures(procedure),
    ...numberProcedures(procedure),
    ...profileProcedures(procedure),
    ...supportProcedures(procedure),
    ...settingsProcedures(procedure),
    ...vaultProcedures(procedure),
    ...kioskProcedures(procedure),
    ...remainderProcedures(procedure),
    ...subscriptionProcedures(procedure),
  };
}
