import { describe, expect, it } from 'vitest';
import { eventNames } from '../../shared/contract/events';
import { contract } from '../../shared/contract/index';
import { eventNameList, methodNames } from '../../shared/contract/names';

// The preload builds window.cabinet from shared/contract/names.ts (no zod there): the lists must be the contract's,
// no method or event more or fewer — a method added to the contract and not here would be missing from the window.
describe('the contract’s names', () => {
  it('every area and method of the contract, and nothing else', () => {
    const fromContract = Object.fromEntries(Object.entries(contract).map(([area, methods]) => [area, Object.keys(methods).sort()]));
    const listed = Object.fromEntries(Object.entries(methodNames).map(([area, methods]) => [area, [...methods].sort()]));
    expect(listed).toEqual(fromContract);
  });

  it('every event of the contract, and nothing else', () => {
    expect([...eventNameList].sort()).toEqual([...eventNames].sort());
  });
});
