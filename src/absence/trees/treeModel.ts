import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { parseEnsemble } from '../../engine/trees/artefact.ts';
import type { TreeEnsemble } from '../../engine/trees/treeEnsemble.ts';
import { contexts } from '../../features/contexts.ts';
import { bandsSchema } from '../linearModel.ts';
import { stableStringify } from '../stableStringify.ts';
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
  const parsed = treeModelSchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_MODEL',
      `${source} is not an absencelab tree model of this version.`,
      parsed.error.issues.slice(0, 10).map((issue) => ({
        file: source,
        field: issue.path.join('.') || '(root)',
        message: issue.message,
        hint: 'Train the model again with `absencelab train`.',
      })),
    );
  }
  const { checksum, modelVersion, ...content } = parsed.data;
  if (checksumOf(content) !== checksum || sealTreeModel(content).modelVersion !== modelVersion) {
    throw new AppError('INVALID_MODEL', `${source} has been changed since it was written.`, [
      {
        file: source,
        field: 'checksum',
        message: 'does not match the content.',
        hint: 'Use the artefact as `absencelab train` wrote it, or train again.',
      },
    ]);
  }
  const ensemble = parseEnsemble(JSON.stringify(parsed.data.ensemble));
  const names = parsed.data.features.map((f) => f.name).join();
  if (ensemble.features.map((f) => f.name).join() !== names) {
    throw new AppError('INVALID_MODEL', `${source}: the trees do not match the feature list.`);
  }
  return { model: parsed.data, ensemble };
}

function checksumOf(content: TreeModelContent): string {
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}
