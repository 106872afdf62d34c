import type { FeatureSpec, FeatureValue } from '../features/featureSpec.ts';
import { factorSentence, toFactorValue, type Factor } from './indication.ts';

/**
 * The strongest factors of one indication, largest share first (on a tie the feature listed
 * first), each with its sentence in English and Dutch. Features that do not move the indication
 * are left out.
 */
export function topFactors(
  features: readonly FeatureSpec[],
  values: readonly FeatureValue[],
  contributions: Readonly<Record<string, number>>,
  count = 5,
): Factor[] {
  // Insertion into a short ranked list: scoring calls this once per case, and a full sort of
  // every feature would cost more than the sentences of the few that are kept.
  const ranked: number[] = [];
  const sizes: number[] = [];
  for (let j = 0; j < features.length; j++) {
    const size = Math.abs(contributions[features[j]!.name] ?? 0);
    if (size === 0) continue;
    let at = ranked.length;
    while (at > 0 && sizes[at - 1]! < size) at--;
    if (at >= count) continue;
    ranked.splice(at, 0, j);
    sizes.splice(at, 0, size);
    if (ranked.length > count) {
      ranked.pop();
      sizes.pop();
    }
  }

  return ranked.map((j) => {
    const spec = features[j]!;
    const value = values[j];
    const contribution = contributions[spec.name]!;
    return {
      feature: spec.name,
      value: toFactorValue(value),
      contribution,
      direction: contribution >= 0 ? 'raises' : 'lowers',
      sentence: {
        en: factorSentence(spec.describe.en(value), contribution, 'en'),
        nl: factorSentence(spec.describe.nl(value), contribution, 'nl'),
      },
    };
  });
}
