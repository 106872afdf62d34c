import { z } from 'zod';
import { bandNames, type Indication } from '../absence/indication.ts';
import { catalogues } from '../features/catalogue.ts';

/**
 * What the data-subject desk keeps of a prediction for the employee's access (GDPR art. 15(1)(h)):
 * the output and its factors as the model applied them, without the values it read. The values
 * were the input record, which is never stored; the features, their contributions and their
 * directions are the logic the professional was shown. Factors of features lawful only in the
 * occupational physician's context are not kept, only counted: their contributions would reveal
 * a diagnosis or a health measurement to whoever reads the desk (medical secrecy; the
 * bedrijfsarts explains them to the employee).
 */
export const subjectExplanationSchema = z.strictObject({
  formatVersion: z.literal(1),
  probability: z.number().min(0).max(1),
  baseValue: z.number(),
  band: z.enum(bandNames),
  factors: z.array(
    z.strictObject({
      feature: z.string(),
      contribution: z.number(),
      direction: z.enum(['raises', 'lowers']),
    }),
  ),
  /** Top factors left out because they rest on medical information. */
  withheldMedicalFactors: z.int().min(0),
});

/** Features an employer may see: every other feature is medical (DOMAIN.md). */
const employerLawfulFeatures = new Set(
  Object.values(catalogues)
    .flat()
    .filter((spec) => spec.contexts.includes('employer'))
    .map((spec) => spec.name),
);

export type SubjectExplanation = z.infer<typeof subjectExplanationSchema>;

export function subjectExplanationOf(indication: Indication): SubjectExplanation {
  return {
    formatVersion: 1,
    probability: indication.probability,
    baseValue: indication.baseValue,
    band: indication.band,
    factors: indication.factors
      .filter((f) => employerLawfulFeatures.has(f.feature))
      .map(({ feature, contribution, direction }) => ({ feature, contribution, direction })),
    withheldMedicalFactors: indication.factors.filter((f) => !employerLawfulFeatures.has(f.feature))
      .length,
  };
}
