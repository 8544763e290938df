import type { z } from 'zod';
import type { Result } from './errors';
import type { MethodSpec } from './method';
import type { EventName, EventPayload } from './events';
import { auth } from './auth';
import { account, services, tariffs } from './account';
import { payments } from './payments';
import { numbers, security } from './security';
import { profile } from './profile';
import { settings } from './settings';
import { support } from './support';
import { vault } from './vault';
import { kiosk } from './kiosk';
import { remainders } from './remainders';
import { subscriptions } from './subscriptions';

/** The whole IPC contract: area → method → schemas. One source of truth for both sides. */
export const contract = { auth, account, tariffs, services, payments, security, numbers, profile, support, settings, vault, kiosk, remainders, subscriptions };

export type Contract = typeof contract;
export type AreaName = keyof Contract;
export type MethodPath = { [A in AreaName]: `${A}.${keyof Contract[A] & string}` }[AreaName];

type SpecAt<P extends MethodPath> = P extends `${infer A}.${infer M}`
  ? A extends AreaName
    ? M extends keyof Contract[A]
      ? Contract[A][M]
      : never
    : never
  : never;

/** What the renderer passes (before parsing) and what the core receives (after parsing). */
export type InputOf<P extends MethodPath> = SpecAt<P> extends MethodSpec<infer I, z.ZodType> ? z.input<I> : never;
export type ParsedInputOf<P extends MethodPath> = SpecAt<P> extends MethodSpec<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<P extends MethodPath> = SpecAt<P> extends MethodSpec<z.ZodType, infer O> ? z.output<O> : never;

export function findMethod(path: string): MethodSpec | undefined {
  const [area, name, ...rest] = path.split('.');
  if (area === undefined || name === undefined || rest.length > 0) return undefined;
  if (!Object.hasOwn(contract, area)) return undefined;
  const methods = contract[area as AreaName] as Record<string, MethodSpec>;
  return Object.hasOwn(methods, name) ? methods[name] : undefined;
}

export const methodPaths = Object.entries(contract).flatMap(([area, methods]) =>
  Object.keys(methods).map((name) => `${area}.${name}` as MethodPath),
);

/** The shape of `window.cabinet`: every contract method, plus typed events. Nothing else. */
export type CabinetApi = {
  [A in AreaName]: {
    [M in keyof Contract[A] & string]: (
      input: InputOf<`${A}.${M}` & MethodPath>,
    ) => Promise<Result<OutputOf<`${A}.${M}` & MethodPath>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export * from './errors';
export type { EventName, EventPayload } from './events';
