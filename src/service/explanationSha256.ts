import { hash } from 'node:crypto';
import type { Indication } from '../absence/indication.ts';

/**
 * The SHA-256 of the explanation as given: model, probability, band, contributions and factors,
 * without the case id. The log keeps only this hash, so a professional can later show that an
 * explanation they hold is the one the service gave, while the log itself holds no health value.
 */
export function explanationSha256(indication: Indication): string {
  return sha256OfText(explanationJson(indication));
}

/** The text the explanation's hash is over: the indication without the case id, as JSON. */
export function explanationJson(indication: Indication): string {
  // Plain JSON.stringify: the scorer builds every indication with its keys in one fixed order
  // (model features in model order), and sorting keys cost as much as scoring.
  const explanation: Partial<Indication> = { ...indication };
  delete explanation.caseId;
  return JSON.stringify(explanation);
}

export function sha256OfText(text: string): string {
  // One-shot hash: a Hash object per call cost more than hashing a few kB.
  return hash('sha256', text, 'hex');
}
