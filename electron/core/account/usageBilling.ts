import type { PackageKind } from './model';

/** How raw usage is billed: calls per started minute, SMS per message, data per started 100 KB. */
export function billedUnits(kind: PackageKind, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity <= 0) throw new RangeError(`usage quantity must be a positive integer, got ${quantity}`);
  switch (kind) {
    case 'voice':
      return Math.ceil(quantity / 60);
    case 'sms':
      return quantity;
    case 'data':
      return Math.ceil(quantity / 100) * 100;
  }
}

/** Billed units → the package's units: voice minutes, sms messages, data megabytes (started MB count). */
export function inPackageUnits(kind: PackageKind, billed: number): number {
  return kind === 'data' ? Math.ceil(billed / 1024) : billed;
}
