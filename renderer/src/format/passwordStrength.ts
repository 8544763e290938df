import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

let estimator: Promise<ZxcvbnFactory> | null = null;

/** zxcvbn-ts with its common dictionaries, loaded only when a password is being set (it is large). */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/** 0 (very weak) … 4 (strong); the phone number counts as a known word. */
export async function passwordScore(password: string, userInputs: string[]): Promise<number> {
  if (!password) return 0;
  return (await loadEstimator()).check(password, userInputs).score;
}
