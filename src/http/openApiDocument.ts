import { z } from 'zod';
import { bandNames } from '../absence/indication.ts';
import { errorCodes } from '../core/errors.ts';
import { contexts } from '../features/contexts.ts';
import {
  decisionRequestSchema,
  killSwitchRequestSchema,
  predictionRequestDocSchema,
} from './predictionRequest.ts';
import {
  activationRequestSchema,
  contestClosureSchema,
  contestRequestSchema,
  subjectRequestSchema,
} from './subjectRequest.ts';

const errorSchema = z.object({
  error: z.object({
    code: z.enum(
      Object.keys(errorCodes) as [keyof typeof errorCodes, ...(keyof typeof errorCodes)[]],
    ),
    message: z.string(),
    issues: z.array(
      z.object({ field: z.string().optional(), message: z.string(), hint: z.string().optional() }),
    ),
  }),
});

const indicationSchema = z.object({
  kind: z.literal('indication'),
  isDecision: z.literal(false),
  eventId: z.uuid().describe('The event log entry of this prediction; a decision refers to it.'),
  caseId: z.string(),
  modelVersion: z.string(),
  context: z.enum(contexts),
  probability: z.number(),
  band: z.enum(bandNames),
  baseValue: z.number(),
  contributions: z.record(z.string(), z.number()),
  factors: z.array(
    z.object({
      feature: z.string(),
      value: z.union([z.number(), z.string(), z.null()]),
      contribution: z.number(),
      direction: z.enum(['raises', 'lowers']),
      sentence: z.object({ en: z.string(), nl: z.string() }),
    }),
  ),
  missingFeatures: z.array(z.string()),
  notice: z.object({ en: z.string(), nl: z.string() }),
});

const predictionResponseSchema = z.object({
  modelVersion: z.string(),
  context: z.enum(contexts),
  purpose: z.string(),
  droppedFields: z
    .array(z.string())
    .describe('Fields received but not used: not allowed for the purpose, or unknown.'),
  predictions: z.array(indicationSchema),
  notScored: z
    .array(
      z.object({
        caseId: z.string(),
        status: z.literal('not scored: objection'),
        reason: z.literal('objection'),
        notice: z.object({ en: z.string(), nl: z.string() }),
      }),
    )
    .describe('Cases of employees who objected to scoring (GDPR art. 21): no indication made.'),
});

const json = (schema: z.ZodType) => ({
  content: {
    'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
  },
});

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: 'An error; `issues` names the fields.', ...json(errorSchema) },
    ]),
  );

const purposeHeader = {
  name: 'X-Purpose',
  in: 'header',
  required: false,
  description: 'The purpose from the register (GET /v1/purposes); or the body field `purpose`.',
  schema: { type: 'string' },
};

/** The OpenAPI 3.1 description of the service, built from the same zod schemas it parses with. */
export function openApiDocument() {
  const secured = [{ bearer: [] }];
  return {
    openapi: '3.1.0',
    info: {
      title: 'absencelab',
      version: '0.1.0',
      description:
        'Indications of long sickness absence for occupational-health professionals. An indication informs a professional, who decides. Every request that processes cases names a purpose from the register; fields the purpose does not allow, and unknown fields inside a case, are dropped and listed in `droppedFields`; unknown fields of the request envelope are refused with 400.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/v1/absence/predictions': {
        post: {
          summary: 'Indications for sick reports, one event log entry each',
          security: secured,
          parameters: [purposeHeader],
          requestBody: { required: true, ...json(predictionRequestDocSchema) },
          responses: {
            '200': { description: 'The indications', ...json(predictionResponseSchema) },
            ...errors(400, 401, 403, 404, 503),
          },
        },
      },
      '/v1/decisions': {
        post: {
          summary:
            "A professional's decision on a logged prediction: followed or deviated, and why",
          security: secured,
          parameters: [purposeHeader],
          requestBody: {
            required: true,
            // The service parses `reason` as optional only to answer its absence with its own
            // message; it is required.
            ...json(decisionRequestSchema.required({ reason: true })),
          },
          responses: { '201': { description: 'Recorded' }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/v1/reports/oversight': {
        get: {
          summary: 'Follow and deviation rates per period for your tenant (dpo, admin)',
          security: secured,
          parameters: [
            { name: 'period', in: 'query', schema: { type: 'string', enum: ['month', 'year'] } },
          ],
          responses: {
            '200': { description: 'Counts and rates per period' },
            ...errors(400, 401, 403),
          },
        },
      },
      '/v1/admin/kill-switch': {
        get: {
          summary: "The kill switch's state (admin)",
          security: secured,
          responses: { '200': { description: 'State' }, ...errors(401, 403) },
        },
        post: {
          summary: 'Stops or resumes all scoring for your tenant at once (admin)',
          security: secured,
          requestBody: { required: true, ...json(killSwitchRequestSchema) },
          responses: { '200': { description: 'The new state' }, ...errors(400, 401, 403) },
        },
      },
      '/v1/admin/activation': {
        get: {
          summary: 'The activation record: DPIA and works council dates (admin, dpo)',
          security: secured,
          responses: { '200': { description: 'State' }, ...errors(401, 403) },
        },
        post: {
          summary: 'Records the DPIA and works council dates; scoring needs both (admin)',
          security: secured,
          requestBody: { required: true, ...json(activationRequestSchema) },
          responses: { '200': { description: 'The new state' }, ...errors(400, 401, 403) },
        },
      },
      '/v1/subjects/access-report': {
        post: {
          summary:
            'Everything kept about one employee: predictions, factors, decisions, objection, contests (dpo)',
          security: secured,
          requestBody: { required: true, ...json(subjectRequestSchema) },
          responses: { '200': { description: 'The access report' }, ...errors(400, 401, 403) },
        },
      },
      '/v1/subjects/objections': {
        post: {
          summary: 'Records an objection: the employee is no longer scored nor extracted (dpo)',
          security: secured,
          requestBody: { required: true, ...json(subjectRequestSchema) },
          responses: {
            '201': { description: 'Recorded' },
            '200': { description: 'The employee had objected before' },
            ...errors(400, 401, 403),
          },
        },
      },
      '/v1/subjects/objections/withdrawal': {
        post: {
          summary:
            'Withdraws an objection at the employee’s request: scored and extracted again (dpo)',
          security: secured,
          requestBody: { required: true, ...json(subjectRequestSchema) },
          responses: {
            '200': { description: 'Withdrawn' },
            ...errors(400, 401, 403, 404),
          },
        },
      },
      '/v1/subjects/contests': {
        get: {
          summary: 'Contests with status, deadline and escalation when overdue (dpo, reviewers)',
          security: secured,
          responses: { '200': { description: 'Contests' }, ...errors(401, 403) },
        },
        post: {
          summary: 'Opens a human review of one indication, due within one month (dpo)',
          security: secured,
          requestBody: { required: true, ...json(contestRequestSchema) },
          responses: { '201': { description: 'Opened' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/v1/subjects/contests/{contestId}/close': {
        post: {
          summary: 'Closes a contest with the outcome of the review (dpo, reviewers)',
          security: secured,
          parameters: [
            { name: 'contestId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          requestBody: { required: true, ...json(contestClosureSchema) },
          responses: { '200': { description: 'Closed' }, ...errors(400, 401, 403, 404) },
        },
      },
      '/v1/models': {
        get: {
          summary: 'Model versions and their model cards',
          security: secured,
          responses: { '200': { description: 'Models' }, ...errors(401) },
        },
      },
      '/v1/purposes': {
        get: { summary: 'The purpose register', responses: { '200': { description: 'Purposes' } } },
      },
      '/health': {
        get: { summary: 'Liveness and loaded models', responses: { '200': { description: 'OK' } } },
      },
    },
  };
}
