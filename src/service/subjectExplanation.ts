import { z } from 'zod';
import { bandNames, type Indication } from '../absence/indication.ts';

/**
 * What the data-subject desk keeps of a prediction for the employee's access (GDPR art. 15(1)(h)):
 * the output and its factors as the model applied them, without the values it read. The values
 * were the input record, which is never stored; the features, their contributions and their
 * directions are the logic the professional was shown.
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
});

export type SubjectExplanation = z.infer<typeof subjectExplanationSchema>;

export function subjectExplanationOf(indication: Indication): SubjectExplanation {
  return {
    formatVersion: 1,
    probability: indication.probability,
    baseValue: indication.baseValue,
    band: indication.band,
    factors: indication.factors.map(({ feature, contribution, direction }) => ({
      feature,
      contribution,
      direction,
    })),
  };
}
