import { z } from 'zod';
import { bandsSchema } from '../absence/linearModel.ts';
import { contexts } from '../features/contexts.ts';
import { caseSchema } from '../service/caseSchema.ts';

/** Cases per request: enough for a caseload, small enough to answer within a request. */
export const maxCasesPerRequest = 1000;

const purposeField = z
  .string()
  .min(1)
  .max(64)
  .describe('The purpose from the register; or send the header X-Purpose.');

/**
 * The request envelope. Unknown envelope fields are refused (400); the cases stay unparsed here
 * because the purpose decides which of their fields may be read at all: fields it does not allow,
 * and unknown fields, are dropped and listed in `droppedFields`, never refused.
 */
export const predictionRequestSchema = z.strictObject({
  purpose: purposeField.optional(),
  context: z.enum(contexts),
  cases: z.array(z.unknown()).min(1).max(maxCasesPerRequest),
  bands: bandsSchema.optional(),
});

/** The same request as documented in OpenAPI, with the full case schema. */
export const predictionRequestDocSchema = predictionRequestSchema.extend({
  cases: z.array(caseSchema).min(1).max(maxCasesPerRequest),
});

export const decisionRequestSchema = z.strictObject({
  purpose: purposeField.optional(),
  predictionEventId: z.uuid(),
  outcome: z.enum(['followed', 'deviated']),
  /** Required; left optional in the schema so that its absence gets its own message. */
  reason: z
    .string()
    .max(10_000)
    .optional()
    .describe('Why the indication was followed or not; required.'),
});

export const killSwitchRequestSchema = z.strictObject({
  enabled: z.boolean(),
  /** Only the caller's own tenant; the global switch is the CLI's (`absencelab admin kill-switch`). */
  tenant: z.string().max(64).optional(),
});

export type PredictionRequest = z.infer<typeof predictionRequestSchema>;
