import type { ServiceCard } from '../account/model';
import { chargeLine } from '../account/charges';
import type { ServiceOffer } from '../account/ports';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';

/**
 * «Услуги»: the region's services with what stands in the way of each, and connecting (the monthly
 * fee is charged at once) or disconnecting one. Both are idempotent under the window's key.
 */
export class ServiceSubscriptions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  catalog(lineId: string): Promise<ServiceCard[]> {
    return this.uow.read((repos) => this.cards(repos, lineId));
  }

  async connect(lineId: string, serviceId: string, idempotencyKey: string): Promise<ServiceCard[]> {
    return this.uow.write(async (repos) => {
      // Scoped by method and line: the same key sent for another number is another request, not a retry.
      const key = `service-connect:${lineId}:${idempotencyKey}`;
      if (await repos.ledger.hasKey(key)) return this.cards(repos, lineId);
      const card = (await this.cards(repos, lineId)).find((candidate) => candidate.id === serviceId);
      if (!card) throw new DomainError('NOT_FOUND', 'this service is not offered in the line’s region');
      if (card.connected) throw new DomainError('NOT_ELIGIBLE', 'the service is already connected', { reason: 'already-connected' });
      if (card.blockedBy.length > 0) {
        throw new DomainError('NOT_ELIGIBLE', 'the service does not go with the tariff or a connected service', { reason: 'incompatible', blockedBy: card.blockedBy });
      }
      const balance = await repos.account.balanceKopecks(lineId);
      if (balance < card.monthlyFeeKopecks) {
        throw new DomainError('INSUFFICIENT_FUNDS', 'the balance cannot pay the service’s fee', { neededKopecks: card.monthlyFeeKopecks, balanceKopecks: balance });
      }
      const at = new Date(this.clock.now()).toISOString();
      // A free service is recorded too (a zero entry pair), so the key makes a retry harmless either way.
      await chargeLine(repos, this.ids, { lineId, kopecks: card.monthlyFeeKopecks, kind: 'service-fee', idempotencyKey: key, at });
      await repos.services.connect(lineId, serviceId, at);
      return this.cards(repos, lineId);
    });
  }

  async disconnect(lineId: string, serviceId: string): Promise<ServiceCard[]> {
    return this.uow.write(async (repos) => {
      // Disconnecting what is not connected is the answer a retry should get: nothing to do.
      await repos.services.disconnect(lineId, serviceId);
      return this.cards(repos, lineId);
    });
  }

  private async cards(repos: Repositories, lineId: string): Promise<ServiceCard[]> {
    const line = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const [offers, connected] = await Promise.all([repos.services.offeredIn(line.region.id), repos.services.connectedTo(lineId)]);
    const byId = new Map<string, ServiceOffer>(offers.map((offer) => [offer.card.id, offer]));
    const tariffName = (await repos.services.tariffName(line.tariff.id)) ?? { ru: line.tariff.id, en: line.tariff.id };
    return offers.map((offer) => {
      const isConnected = connected.includes(offer.card.id);
      const blockedBy: ServiceCard['blockedBy'] = [];
      if (!isConnected) {
        if (offer.incompatibleTariffs.includes(line.tariff.id)) blockedBy.push({ kind: 'tariff', id: line.tariff.id, name: tariffName });
        for (const other of connected) {
          const otherOffer = byId.get(other);
          const clash = offer.incompatibleServices.includes(other) || otherOffer?.incompatibleServices.includes(offer.card.id);
          if (clash && otherOffer) blockedBy.push({ kind: 'service', id: other, name: otherOffer.card.name });
        }
      }
      return { ...offer.card, connected: isConnected, blockedBy };
    });
  }
}
