import type { PasswordHasher } from '../auth/passwordHasher';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import { requireProfilePassword } from '../security/profilePassword';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { banKinds, type BanKind } from './ports';

export interface BanState {
  kind: BanKind;
  on: boolean;
  /** When it was set (null: off). */
  since: string | null;
}

export interface SignedInSubscriber {
  subscriberId: string;
  lineId: string;
}

/**
 * Whether the line bans `kind`. The content ban is also the catalog's «Запрет контента» service (operator data:
 * content.json `bans.contentServiceId`): connected in «Услуги», it bans content services here too — one ban, two doors.
 */
export async function isBanned(repos: Repositories, lineId: string, kind: BanKind, contentServiceId: string | null): Promise<boolean> {
  return (await banStates(repos, lineId, contentServiceId)).some((state) => state.kind === kind && state.on);
}

async function banStates(repos: Repositories, lineId: string, contentServiceId: string | null): Promise<BanState[]> {
  const [set, connected] = await Promise.all([repos.lineBans.ofLine(lineId), contentServiceId ? repos.services.connectedTo(lineId) : Promise.resolve([])]);
  return banKinds.map((kind) => {
    const own = set.find((ban) => ban.kind === kind);
    if (own) return { kind, on: true, since: own.since };
    if (kind === 'content' && contentServiceId && connected.includes(contentServiceId)) return { kind, on: true, since: null };
    return { kind, on: false, since: null };
  });
}

/**
 * «Запреты»: bans on content services (no new paid subscriptions), on premium-rate SMS and on mobile transfers.
 * Each is switched on or off with the profile owner's password, checked here in the core against the same try
 * limits as a sign-in (a stolen session cannot guess it). Setting a ban to what it already is changes nothing,
 * so a retry or two windows at once end in the same state; every change is kept in an audit trail.
 */
export class LineBans {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly contentServiceId: string | null,
  ) {}

  status(lineId: string): Promise<BanState[]> {
    return this.uow.read((repos) => banStates(repos, lineId, this.contentServiceId));
  }

  async set(session: SignedInSubscriber, kind: BanKind, on: boolean, password: string): Promise<BanState[]> {
    if (!banKinds.includes(kind)) throw new DomainError('VALIDATION', 'kind: one of content, premium-sms, transfers', { fields: [{ field: 'kind', expected: banKinds.join(', ') }] });
    await requireProfilePassword(this.uow, this.hasher, this.clock, session.subscriberId, password);
    return this.uow.write(async (repos) => {
      const line = await repos.account.line(session.lineId);
      if (!line) throw new DomainError('NOT_FOUND', 'no such line');
      const current = (await banStates(repos, line.lineId, this.contentServiceId)).find((state) => state.kind === kind)!;
      const at = new Date(this.clock.now()).toISOString();
      if (current.on !== on) {
        await repos.lineBans.set(line.lineId, kind, on, at);
        await repos.lineBans.record({ id: this.ids.next('ban'), lineId: line.lineId, kind, on, at, subscriberId: session.subscriberId });
      }
      // Off means off through either door: the catalog's content-ban service goes with it.
      if (kind === 'content' && !on && this.contentServiceId) await repos.services.disconnect(line.lineId, this.contentServiceId);
      return banStates(repos, line.lineId, this.contentServiceId);
    });
  }
}
