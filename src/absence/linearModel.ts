import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { contexts } from '../features/contexts.ts';
import { checksumOf, parseSealed } from './sealedArtefact.ts';

const columnSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('numeric'),
    feature: z.string(),
    center: z.number(),
    scale: z.number().positive(),
  }),
  z.strictObject({ kind: z.literal('missing'), feature: z.string(), center: z.number() }),
  z.strictObject({
    kind: z.literal('category'),
    feature: z.string(),
    category: z.string(),
    center: z.number(),
  }),
]);

export const bandsSchema = z
  .strictObject({
    /** Probabilities from here up are at least `medium`. */
    mediumFrom: z.number().min(0).max(1),
    /** Probabilities from here up are `high`. */
    highFrom: z.number().min(0).max(1),
  })
  .refine((b) => b.mediumFrom <= b.highFrom, 'mediumFrom must not exceed highFrom');

export type Bands = z.infer<typeof bandsSchema>;

const intervalSchema = z.tuple([z.number(), z.number()]);

/** Cross-validated accuracy kept in the artefact, for the model card and the documents. */
export const linearValidationSchema = z.strictObject({
  protocol: z.string(),
  n: z.number().int(),
  positives: z.number().int(),
  auc: z.number(),
  auc95: intervalSchema,
  brier: z.number(),
  groups: z.array(
    z.strictObject({
      group: z.string(),
      value: z.string(),
      n: z.number().int(),
      positives: z.number().int(),
      auc: z.number().nullable(),
      auc95: intervalSchema.nullable(),
      isBelowMinimum: z.boolean(),
    }),
  ),
});

export type LinearValidation = z.infer<typeof linearValidationSchema>;

/**
 * The model artefact of a calibrated, regularised logistic regression: versioned JSON that a
 * person can read (one coefficient per named column), with a SHA-256 checksum over its content.
 */
export const linearModelSchema = z.strictObject({
  format: z.literal('absencelab.model'),
  formatVersion: z.literal(1),
  kind: z.literal('logistic-regression'),
  modelVersion: z.string().min(1),
  createdAt: z.string(),
  catalogue: z.enum(['uci', 'canonical']),
  context: z.enum(contexts),
  target: z.strictObject({ name: z.string(), description: z.string() }),
  features: z.array(z.string()).min(1),
  encoding: z.strictObject({ columns: z.array(columnSchema) }),
  intercept: z.number(),
  coefficients: z.array(z.number()),
  calibration: z.strictObject({
    method: z.literal('platt'),
    slope: z.number(),
    intercept: z.number(),
  }),
  regularisation: z.strictObject({ lambda: z.number().positive() }),
  bands: bandsSchema,
  training: z.strictObject({
    n: z.number().int(),
    positives: z.number().int(),
    firstMonth: z.string(),
    lastMonth: z.string(),
  }),
  /** Present when the model was trained with `validate`: its accuracy on cases it did not see. */
  validation: linearValidationSchema.optional(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

export type LinearModel = z.infer<typeof linearModelSchema>;
export type LinearModelContent = Omit<LinearModel, 'checksum' | 'modelVersion'>;

/** Seals the content: the checksum covers everything else, and the version carries its start. */
export function sealLinearModel(content: LinearModelContent): LinearModel {
  const checksum = checksumOf(content);
  const modelVersion = `${content.catalogue}-${content.context}-lr-${checksum.slice(0, 12)}`;
  return { ...content, modelVersion, checksum };
}

/** Parses an artefact read from disk or the wire, checking its schema and its checksum. */
export function parseLinearModel(data: unknown, source: string): LinearModel {
  const model = parseSealed(linearModelSchema, data, source, 'model artefact', sealLinearModel);
  if (model.coefficients.length !== model.encoding.columns.length) {
    throw new AppError('INVALID_MODEL', `${source} has one coefficient per column missing.`);
  }
  return model;
}
