import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { packTrees, type TreeEnsemble, type TreeNode } from './treeEnsemble.ts';
import { zodIssueMessage } from '../../core/zodIssueMessage.ts';

/**
 * A tree ensemble as versioned JSON that a person can read: nested nodes naming their feature,
 * threshold and default direction, leaves with their margin. The checksum is SHA-256 over the
 * canonical JSON (keys sorted) of everything but the checksum, so any edit is detected on load.
 */
export const artefactFormat = 'absencelab.tree-ensemble';
export const artefactVersion = 1;

export type NodeJson =
  | { leaf: number; cover: number }
  | {
      feature: string;
      /** Numeric split: value <= threshold goes left; null means every present value goes left. */
      threshold?: number | null | undefined;
      /** Categorical split: these codes go left, others (unseen ones too) right. */
      categories?: number[] | undefined;
      /** Where a missing value goes. */
      missing: 'left' | 'right';
      gain: number;
      cover: number;
      value: number;
      left: NodeJson;
      right: NodeJson;
    };

const nodeSchema: z.ZodType<NodeJson> = z.lazy(() =>
  z.union([
    z.strictObject({ leaf: z.number(), cover: z.number().nonnegative() }),
    z.strictObject({
      feature: z.string().min(1),
      threshold: z.number().nullable().optional(),
      categories: z.array(z.int().min(0).max(255)).optional(),
      missing: z.enum(['left', 'right']),
      gain: z.number(),
      cover: z.number().nonnegative(),
      value: z.number(),
      left: nodeSchema,
      right: nodeSchema,
    }),
  ]),
);

const artefactSchema = z.strictObject({
  format: z.literal(artefactFormat),
  version: z.literal(artefactVersion),
  objective: z.literal('binary:logistic'),
  createdAt: z.string().optional(),
  baseMargin: z.number(),
  features: z.array(
    z.strictObject({ name: z.string().min(1), kind: z.enum(['numeric', 'categorical']) }),
  ),
  trees: z.array(nodeSchema),
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

export type TreeEnsembleArtefact = z.infer<typeof artefactSchema>;

/** The artefact as JSON text (indented, for reading and diffing). */
export function serializeEnsemble(ensemble: TreeEnsemble, createdAt?: string): string {
  const content = {
    format: artefactFormat,
    version: artefactVersion,
    objective: 'binary:logistic' as const,
    ...(createdAt === undefined ? {} : { createdAt }),
    baseMargin: ensemble.baseMargin,
    features: ensemble.features.map((f) => ({ name: f.name, kind: f.kind })),
    trees: Array.from(ensemble.treeRoots, (root) => nodeToJson(ensemble, root)),
  };
  return JSON.stringify({ ...content, checksum: checksumOf(content) }, null, 1);
}

/** Parses and checks an artefact; throws AppError INVALID_MODEL saying what is wrong. */
export function parseEnsemble(text: string): TreeEnsemble {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_MODEL', 'the model file is not valid JSON', [
      {
        message: 'The file could not be parsed.',
        hint: 'Use a file written by serializeEnsemble.',
      },
    ]);
  }
  const parsed = artefactSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_MODEL',
      'the model file does not match the artefact schema',
      parsed.error.issues.slice(0, 20).map((issue) => ({
        field: issue.path.join('.'),
        message: zodIssueMessage(issue),
      })),
    );
  }
  const { checksum, ...content } = raw as Record<string, unknown>;
  if (checksumOf(content) !== checksum) {
    throw new AppError('INVALID_MODEL', 'the model file checksum does not match its content', [
      { field: 'checksum', message: 'The content was changed after the file was written.' },
    ]);
  }

  const artefact = parsed.data;
  const featureIndex = new Map(artefact.features.map((f, index) => [f.name, index]));
  const trees = artefact.trees.map((tree, t) => {
    const nodes: TreeNode[] = [];
    jsonToNodes(tree, nodes, featureIndex, `trees.${t}`);
    return nodes;
  });
  return packTrees(artefact.features, artefact.baseMargin, trees);
}

function nodeToJson(ensemble: TreeEnsemble, node: number): NodeJson {
  const left = ensemble.left[node]!;
  if (left < 0) return { leaf: ensemble.value[node]!, cover: ensemble.cover[node]! };
  const slot = ensemble.categorySlot[node]!;
  const threshold = ensemble.threshold[node]!;
  const split =
    slot >= 0
      ? { categories: categoriesOf(ensemble.categoryBits, slot) }
      : { threshold: Number.isFinite(threshold) ? threshold : null };
  return {
    feature: ensemble.features[ensemble.feature[node]!]!.name,
    ...split,
    missing: ensemble.defaultLeft[node] === 1 ? 'left' : 'right',
    gain: ensemble.gain[node]!,
    cover: ensemble.cover[node]!,
    value: ensemble.value[node]!,
    left: nodeToJson(ensemble, left),
    right: nodeToJson(ensemble, ensemble.right[node]!),
  };
}

function jsonToNodes(
  json: NodeJson,
  nodes: TreeNode[],
  featureIndex: Map<string, number>,
  path: string,
): number {
  const id = nodes.length;
  if ('leaf' in json) {
    nodes.push({
      feature: -1,
      threshold: 0,
      left: -1,
      right: -1,
      isDefaultLeft: false,
      categories: null,
      value: json.leaf,
      cover: json.cover,
      gain: 0,
    });
    return id;
  }
  const feature = featureIndex.get(json.feature);
  if (feature === undefined || (json.categories === undefined) === (json.threshold === undefined)) {
    throw new AppError('INVALID_MODEL', 'a split in the model file is malformed', [
      {
        field: path,
        message: 'A split needs a listed feature and either a threshold or categories.',
      },
    ]);
  }
  nodes.push({
    feature,
    threshold: json.threshold === null ? Number.POSITIVE_INFINITY : (json.threshold ?? Number.NaN),
    left: -1,
    right: -1,
    isDefaultLeft: json.missing === 'left',
    categories: json.categories ?? null,
    value: json.value,
    cover: json.cover,
    gain: json.gain,
  });
  const node = nodes[id]!;
  node.left = jsonToNodes(json.left, nodes, featureIndex, `${path}.left`);
  node.right = jsonToNodes(json.right, nodes, featureIndex, `${path}.right`);
  return id;
}

function categoriesOf(bits: Uint32Array, slot: number): number[] {
  const codes: number[] = [];
  for (let code = 0; code < 256; code++) {
    if (((bits[slot * 8 + (code >>> 5)]! >>> (code & 31)) & 1) === 1) codes.push(code);
  }
  return codes;
}

function checksumOf(content: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}

/** JSON with object keys sorted at every level, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
