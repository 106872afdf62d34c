import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { parseEnsemble } from '../../engine/trees/artefact.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { contexts } from '../../features/contexts.ts';
import { bandsSchema } from '../linearModel.ts';
import { checksumOf, parseSealed } from '../sealedArtefact.ts';
import { treeFeatureSchema } from '../treeEncoding.ts';
import { knotsWeeks } from './legalIntervals.ts';

/**
 * The artefact of a discrete-time hazard model on the legal intervals: boosted trees give the
 * probability that an absence ends within an interval, given it lasted until the interval's start.
 * Versioned JSON with a SHA-256 checksum; the trees sit inside as the engine writes them, one
 * readable node per split.
 */
export const survivalModelSchema = z.strictObject({
  format: z.literal('absencelab.model'),
  formatVersion: z.literal(1),
  kind: z.literal('discrete-time-hazard'),
  modelVersion: z.string().min(1),
  createdAt: z.string(),
  catalogue: z.literal('canonical'),
  context: z.enum(contexts),
  target: z.strictObject({ name: z.string(), description: z.string() }),
  knotsWeeks: z
    .array(z.number())
    .refine(
      (knots) => knots.join() === knotsWeeks.join(),
      'knotsWeeks differ from this version’s legal intervals',
    ),
  features: z.array(treeFeatureSchema).min(1),
  /** Kaplan-Meier S(t) of the training episodes per day 0..728: the shape within intervals. */
  baselineSurvivalByDay: z.array(z.number().min(0).max(1)).length(729),
  ensemble: z.unknown(),
  bands: bandsSchema,
  training: z.strictObject({
    episodes: z.number().int(),
    ended: z.number().int(),
    firstReport: z.string(),
    lastReport: z.string(),
    observedUntil: z.string(),
    treeCount: z.number().int(),
  }),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

export type SurvivalModel = z.infer<typeof survivalModelSchema>;
export type SurvivalModelContent = Omit<SurvivalModel, 'checksum' | 'modelVersion'>;

export function sealSurvivalModel(content: SurvivalModelContent): SurvivalModel {
  const checksum = checksumOf(content);
  const modelVersion = `${content.catalogue}-${content.context}-hazard-${checksum.slice(0, 12)}`;
  return { ...content, modelVersion, checksum };
}

/** Parses an artefact, checking schema and checksum, and rebuilds the trees. */
export function parseSurvivalModel(
  data: unknown,
  source: string,
): { model: SurvivalModel; ensemble: TreeEnsemble } {
  const model = parseSealed(survivalModelSchema, data, source, 'survival model', sealSurvivalModel);
  const ensemble = parseEnsemble(JSON.stringify(model.ensemble));
  if (ensemble.features.length !== model.features.length + 1) {
    throw new AppError('INVALID_MODEL', `${source}: the trees do not match the feature list.`);
  }
  return { model, ensemble };
}
