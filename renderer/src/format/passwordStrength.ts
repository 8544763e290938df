import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { asEnglishKeys } from '../../../shared/password/keyboardLayout';

let estimator: Promise<ZxcvbnFactory> | null = null;

/**
 * zxcvbn-ts with its common dictionaries and our Russian and English list in both keyboard layouts (the same the
 * main side judges by), loaded only when a password is being set (it is large).
 */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('../../../shared/password/commonPasswords.json')]).then(
    ([core, common, ours]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, russianCommon: [...ours.default.words, ...ours.default.words.map(asEnglishKeys)] },
        graphs: common.adjacencyGraphs,
      }),
  );
  return estimator;
}

/** 0 (very weak) … 4 (strong); an empty field is judged nothing (null). The phone number and name count as known words. */
export async function passwordScore(password: string, userInputs: string[]): Promise<number | null> {
  if (!password) return null;
  return (await loadEstimator()).check(password, userInputs).score;
}
