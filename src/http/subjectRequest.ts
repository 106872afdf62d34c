import { z } from 'zod';
import { employeeSchema } from '../core/canonical/employee.ts';
import { contestOutcomes, maxContestTextLength } from '../service/contests.ts';

export const activationRequestSchema = z.strictObject({
  dpiaCompletedOn: z.string().max(10),
  worksCouncilInformedOn: z.string().max(10),
  note: z.string().max(200).optional(),
});

const employeeIdField = employeeSchema.shape.employeeId.describe(
  'The employee id as the customer’s systems know it; turned into a keyed pseudonym at once.',
);

export const subjectRequestSchema = z.strictObject({ employeeId: employeeIdField });

export const contestRequestSchema = z.strictObject({
  employeeId: employeeIdField,
  predictionEventId: z.uuid(),
  reason: z.string().max(maxContestTextLength),
});

export const contestClosureSchema = z.strictObject({
  outcome: z.enum(contestOutcomes),
  reviewNote: z.string().max(maxContestTextLength),
});
