import assert from 'node:assert/strict';
import { test } from 'node:test';
import { factorSentence, phraseOf, toFactorValue } from '../../src/absence/indication.ts';
import { topFactors } from '../../src/absence/topFactors.ts';
import { createRandom } from '../../src/core/random.ts';
import { canonicalFeatures } from '../../src/features/canonicalFeatures.ts';
import type { FeatureSpec, FeatureValue } from '../../src/features/featureSpec.ts';

// The ranking as a full stable sort would give it.
function bySort(
  features: readonly FeatureSpec[],
  values: readonly FeatureValue[],
  contributions: Record<string, number>,
  count: number,
) {
  return features
    .map((spec, j) => ({ spec, value: values[j], contribution: contributions[spec.name]! }))
    .filter((entry) => entry.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, count)
    .map(({ spec, value, contribution }) => ({
      feature: spec.name,
      value: toFactorValue(value),
      contribution,
      direction: contribution >= 0 ? 'raises' : 'lowers',
      sentence: {
        en: factorSentence(spec.describe.en(value), contribution, 'en'),
        nl: factorSentence(spec.describe.nl(value), contribution, 'nl'),
      },
    }));
}

test('topFactors ranks as a stable sort by size would, ties and zeros included', () => {
  const random = createRandom(3);
  const values = canonicalFeatures.map((spec) => (spec.kind === 'numeric' ? 2 : 'x'));
  for (let trial = 0; trial < 500; trial++) {
    const contributions: Record<string, number> = {};
    for (const spec of canonicalFeatures) {
      const u = random.next();
      // Few distinct sizes, so that ties and zeros are common.
      contributions[spec.name] = u < 0.3 ? 0 : (Math.round(random.next() * 4) - 2) / 100;
    }
    const count = trial % 7;
    assert.deepEqual(
      topFactors(canonicalFeatures, values, contributions, count),
      bySort(canonicalFeatures, values, contributions, count),
    );
  }
});

test('a factor sentence reads right for one or many and gives its phrase back', () => {
  for (const phrase of ['1 earlier sick report', '3 earlier sick reports', 'Workload: 239.6']) {
    const en = factorSentence(phrase, 0.041, 'en');
    const nl = factorSentence(phrase, -0.012, 'nl');
    assert.equal(en, `${phrase}: raises the indication by 4.1 percentage points.`);
    assert.equal(nl, `${phrase}: verlaagt de indicatie met 1,2 procentpunt.`);
    assert.equal(phraseOf(en, 'en'), phrase);
    assert.equal(phraseOf(nl, 'nl'), phrase);
  }
});
