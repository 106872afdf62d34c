import { z } from 'zod';
import { employeeSchema } from '../core/canonical/employee.ts';
import { episodeSchema } from '../core/canonical/episode.ts';
import { bandsSchema } from '../absence/linearModel.ts';
import { contexts } from '../features/contexts.ts';

/** Cases per request: enough for a caseload, small enough to answer within a request. */
export const maxCasesPerRequest = 1000;

export const predictionRequestSchema = z.strictObject({
  context: z.enum(contexts),
  cases: z
    .array(
      z
        .strictObject({
          caseId: z.string().min(1).max(128),
          employee: employeeSchema,
          episode: episodeSchema,
          /** The employee's other episodes; only those reported before this one are read. */
          history: z.array(episodeSchema).max(1000).default([]),
        })
        .refine((c) => c.episode.employeeId === c.employee.employeeId, {
          message: 'episode.employeeId must equal employee.employeeId',
          path: ['episode', 'employeeId'],
        }),
    )
    .min(1)
    .max(maxCasesPerRequest),
  bands: bandsSchema.optional(),
});

export type PredictionRequest = z.infer<typeof predictionRequestSchema>;
