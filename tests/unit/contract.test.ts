import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, errorCodeList, findMethod, methodPaths } from '../../shared/contract/index';
import { events } from '../../shared/contract/events';

describe('the IPC contract', () => {
  it('every method has an access rule and input/output schemas, and inputs refuse unknown fields', () => {
    for (const path of methodPaths) {
      const spec = findMethod(path)!;
      expect(['public', 'session']).toContain(spec.access);
      expect(spec.input).toBeInstanceOf(z.ZodType);
      expect(spec.output).toBeInstanceOf(z.ZodType);
      const probe = spec.input.safeParse({ surelyNotAField: 1 });
      expect(probe.success, `${path} accepted an unknown field`).toBe(false);
    }
  });

  it('names only its own methods: nothing from the prototype chain or a third path segment', () => {
    for (const path of ['constructor', 'auth.constructor', '__proto__.x', 'auth.signOut.extra', 'toString', 'auth.hasOwnProperty']) {
      expect(findMethod(path), path).toBeUndefined();
    }
    expect(methodPaths.length).toBe(Object.values(contract).reduce((count, area) => count + Object.keys(area).length, 0));
  });

  it('what the main side may read without a session is only what signing in needs', () => {
    const sessionOnly = methodPaths.filter((path) => findMethod(path)!.access === 'session');
    expect(sessionOnly).toEqual(expect.arrayContaining(['account.overview', 'auth.setPassword', 'auth.signOutEverywhere']));
  });

  it('error codes are a closed list with a description each', () => {
    expect(new Set(errorCodeList).size).toBe(errorCodeList.length);
    expect(errorCodeList).toEqual(expect.arrayContaining(['VALIDATION', 'UNAUTHENTICATED', 'OTP_EXPIRED', 'OTP_INVALID', 'RATE_LIMITED', 'FORBIDDEN', 'SIM_BLOCKED']));
  });

  it('events carry schemas too', () => {
    for (const schema of Object.values(events)) expect(schema).toBeInstanceOf(z.ZodType);
  });
});
