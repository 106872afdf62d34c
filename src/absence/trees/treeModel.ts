import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { parseEnsemble } from '../../engine/trees/artefact.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { contexts } from '../../features/contexts.ts';
import { bandsSchema } from '../linearModel.ts';
import { checksumOf, parseSealed } from '../sealedArtefact.ts';
import { treeFeatureSchema } from '../treeEncoding.ts';

/**
 * The artefact of a calibrated gradient-boosted tree classifier for one target: the trees as the
 * engine writes them (one readable node per split), Platt scaling of their margin, and the
 * settings they were grown with. Versioned JSON with a SHA-256 checksum over its content.
 */
export const treeModelSchema = z.strictObject({
  format: z.literal('absencelab.model'),
  formatVersion: z.literal(1),
  kind: z.literal('gradient-boosted-trees'),
  modelVersion: z.string().min(1),
  createdAt: z.string(),
  catalogue: z.enum(['uci', 'canonical']),
  context: z.enum(contexts),
  target: z.strictObject({ name: z.string(), description: z.string() }),
  features: z.array(treeFeatureSchema).min(1),
  ensemble: z.unknown(),
  calibration: z.strictObject({
    method: z.literal('platt'),
    slope: z.number(),
    intercept: z.number(),
  }),
  boosting: z.strictObject({
    treeCount: z.number().int().min(1),
    maxDepth: z.number().int().min(1),
    learningRate: z.number().positive(),
    lambda: z.number().min(0),
    minChildWeight: z.number().min(0),
    subsample: z.number().positive(),
    colsampleByTree: z.number().positive(),
  }),
  bands: bandsSchema,
  training: z.strictObject({
    n: z.number().int(),
    positives: z.number().int(),
    firstMonth: z.string(),
    lastMonth: z.string(),
  }),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

export type TreeModel = z.infer<typeof treeModelSchema>;
export type TreeModelContent = Omit<TreeModel, 'checksum' | 'modelVersion'>;

/** Seals the content: the checksum covers everything else, and the version carries its start. */
export function sealTreeModel(content: TreeModelContent): TreeModel {
  const checksum = checksumOf(content);
  const modelVersion = `${content.catalogue}-${content.context}-gbt-${checksum.slice(0, 12)}`;
  return { ...content, modelVersion, checksum };
}

/** Parses an artefact read from disk or the wire, checking schema and checksum; rebuilds the trees. */
export function parseTreeModel(
  data: unknown,
  source: string,
): { model: TreeModel; ensemble: TreeEnsemble } {
  const model = parseSealed(treeModelSchema, data, source, 'tree model', sealTreeModel);
  const ensemble = parseEnsemble(JSON.stringify(model.ensemble));
  const names = model.features.map((f) => f.name).join();
  if (ensemble.features.map((f) => f.name).join() !== names) {
    throw new AppError('INVALID_MODEL', `${source}: the trees do not match the feature list.`);
  }
  return { model, ensemble };
}
