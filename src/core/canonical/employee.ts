import { z } from 'zod';
import { isoDateSchema } from './dates.ts';

export const sexes = ['female', 'male', 'unknown'] as const;
export const contractTypes = ['permanent', 'temporary', 'flex'] as const;

/**
 * An employee as absencelab receives one: a pseudonymous id and the attributes that the feature
 * catalogue may use. Never a name, a citizen service number or a full birth date.
 */
export const employeeSchema = z.strictObject({
  employeeId: z.string().min(1).max(128),
  sex: z.enum(sexes).optional(),
  /** Year of birth only; a full birth date singles a person out and is not needed. */
  birthYear: z.number().int().min(1900).max(2100).optional(),
  /** Age when the source gives no birth year (for example a survey snapshot). */
  ageYears: z.number().min(14).max(100).optional(),
  contractHoursPerWeek: z.number().min(0).max(80).optional(),
  contractType: z.enum(contractTypes).optional(),
  employmentStartDate: isoDateSchema.optional(),
  employmentEndDate: isoDateSchema.nullable().optional(),
  /** Years of service when the source gives no start date. */
  tenureYears: z.number().min(0).max(60).optional(),
  team: z.string().min(1).max(128).optional(),
  sector: z.string().min(1).max(128).optional(),
  /**
   * Source-specific numeric attributes. A model may use one only when the source's feature
   * catalogue declares the contexts in which it is lawful.
   */
  attributes: z.record(z.string(), z.number()).optional(),
});

export type Employee = z.infer<typeof employeeSchema>;
