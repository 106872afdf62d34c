import { z } from 'zod';
import { employeeSchema } from '../core/canonical/employee.ts';
import { episodeSchema } from '../core/canonical/episode.ts';

/** One case to score, after the purpose's field filter: strict, so nothing unlisted gets in. */
export const caseSchema = z
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
  });

export type CaseInput = z.input<typeof caseSchema>;
