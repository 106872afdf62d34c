import { catalogues, type CatalogueName } from '../features/catalogue.ts';
import type { FeatureSpec, Language } from '../features/featureSpec.ts';

const unknownSuffix: Record<Language, RegExp> = { en: /: unknown$/, nl: /: onbekend$/ };
const countWord: Record<Language, string> = { en: 'number of', nl: 'aantal' };
const shareWord: Record<Language, string> = { en: 'share', nl: 'aandeel' };

/**
 * A feature in words for a reader who never sees the model: "Age", "number of sick reports in
 * the last 12 months". Taken from the phrase the factors themselves use, so the documents and the
 * explanations cannot drift apart.
 */
export function featureWords(spec: FeatureSpec, language: Language): string {
  const labelled = spec.describe[language](undefined);
  if (unknownSuffix[language].test(labelled)) return labelled.replace(unknownSuffix[language], '');
  const sample = spec.describe[language](2);
  if (/^2 /.test(sample)) return `${countWord[language]} ${sample.slice(2)}`;
  if (/^200% /.test(sample)) return `${shareWord[language]} ${sample.slice(5)}`;
  return sample.replace(/2[.,]0/, 'N');
}

/** The catalogue entry of a feature name, if any catalogue knows it. */
export function findFeature(name: string, catalogue?: CatalogueName): FeatureSpec | undefined {
  const names: CatalogueName[] = catalogue === undefined ? ['uci', 'canonical'] : [catalogue];
  for (const n of names) {
    const spec = catalogues[n].find((s) => s.name === name);
    if (spec !== undefined) return spec;
  }
  return undefined;
}
