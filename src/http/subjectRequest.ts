import { z } from 'zod';
import { contestOutcomes } from '../service/contests.ts';

export const activationRequestSchema = z.strictObject({
  dpiaCompletedOn: z.string().max(10),
  worksCouncilInformedOn: z.string().max(10),
  note: z.string().max(200).optional(),
});

const employeeIdField = z
  .string()
  .min(1)
  .max(128)
  .describe(
    'The employee id as the customer’s systems know it; turned into a keyed pseudonym at once.',
  );

export const subjectRequestSchema = z.strictObject({ employeeId: employeeIdField });

export const contestRequestSchema = z.strictObject({
  employeeId: employeeIdField,
  predictionEventId: z.uuid(),
  reason: z.string().max(10_000),
});

export const contestClosureSchema = z.strictObject({
  outcome: z.enum(contestOutcomes),
  reviewNote: z.string().max(10_000),
});
