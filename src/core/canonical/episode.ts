import { z } from 'zod';
import { isoDateSchema, isoMonthSchema, isoWeekdayOfDate, monthOf } from './dates.ts';

/**
 * A check across fields runs only when the record is an object and each field it compares is
 * valid on its own: an impossible startDate is one problem, not also a wrong month and weekday.
 */
function whenValid(...fields: string[]): (payload: z.core.ParsePayload) => boolean {
  return (payload) =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((issue) => fields.includes(String(issue.path?.[0])));
}

export const episodeKinds = ['sickness', 'disciplinary'] as const;

/** werkhervatting: a partial return to work, which does not end the episode. */
export const recoverySchema = z.strictObject({
  date: isoDateSchema,
  workingPct: z.number().min(0).max(100),
});

/**
 * One absence episode from its sick report (ziekmelding) to its end, or still open. The flags are
 * the few facts an employer may record at a sick report; a diagnosis lives only in `medical`,
 * which belongs to the occupational physician's domain.
 */
export const episodeSchema = z
  .strictObject({
    episodeId: z.string().min(1).max(128),
    employeeId: z.string().min(1).max(128),
    kind: z.enum(episodeKinds).default('sickness'),
    /** The day of the sick report, when the source has it. */
    startDate: isoDateSchema.optional(),
    /** The month of the sick report; always known, derived from `startDate` when given. */
    startMonth: isoMonthSchema,
    /** ISO weekday of the sick report: 1 Monday ... 7 Sunday. */
    startWeekday: z.number().int().min(1).max(7).optional(),
    /** Order in the source among reports of the same month, when dates are only months. */
    sequence: z.number().int().min(0).optional(),
    /** null while the episode is open. */
    endDate: isoDateSchema.nullable().optional(),
    durationHours: z.number().min(0).optional(),
    durationDays: z.number().min(0).optional(),
    /** The employee's own expectation of the duration, as told at the sick report. */
    expectedDurationDays: z.number().min(0).optional(),
    /** vangnetregeling: a Ziektewet safety-net provision applies (never which one). */
    isSafetyNet: z.boolean().optional(),
    isWorkAccident: z.boolean().optional(),
    hasLiableThirdParty: z.boolean().optional(),
    recoveries: z.array(recoverySchema).optional(),
    /** Occupational-physician domain only: never shown to or used for the employer. */
    medical: z.strictObject({ diagnosisCode: z.string().min(1).max(32).optional() }).optional(),
    /**
     * The earlier episode that ended less than 4 weeks before this report, when the source has it:
     * the two count as one for the 104 weeks of salary continuation (Ziektewet).
     */
    linkedToEpisodeId: z.string().min(1).max(128).optional(),
    /** Sick report date of the first episode of the linked chain, from which the 104 weeks run. */
    chainStartDate: isoDateSchema.optional(),
    /** Source-specific numeric attributes of the report, under the same catalogue rule. */
    attributes: z.record(z.string(), z.number()).optional(),
  })
  .refine((e) => e.startDate === undefined || monthOf(e.startDate) === e.startMonth, {
    message: 'startMonth must be the month of startDate: correct one of the two',
    path: ['startMonth'],
    when: whenValid('startDate', 'startMonth'),
  })
  .refine(
    (e) =>
      e.startDate === undefined ||
      e.startWeekday === undefined ||
      isoWeekdayOfDate(e.startDate) === e.startWeekday,
    {
      message:
        'startWeekday must be the ISO weekday of startDate (1 Monday ... 7 Sunday): ' +
        'correct it, or leave it empty',
      path: ['startWeekday'],
      when: whenValid('startDate', 'startWeekday'),
    },
  )
  .refine((e) => e.endDate == null || e.startDate === undefined || e.endDate >= e.startDate, {
    message: 'endDate must not be before startDate',
    path: ['endDate'],
    when: whenValid('startDate', 'endDate'),
  });

export type Episode = z.infer<typeof episodeSchema>;
export type EpisodeInput = z.input<typeof episodeSchema>;

/**
 * Whether `earlier` was reported strictly before `later`. With day precision the dates decide;
 * with month precision only an earlier month, or the same month with a lower source sequence.
 * Two reports of one month without a sequence are not ordered, so neither counts as history.
 */
export function isReportedBefore(earlier: Episode, later: Episode): boolean {
  if (earlier.startDate !== undefined && later.startDate !== undefined) {
    if (earlier.startDate !== later.startDate) return earlier.startDate < later.startDate;
  } else if (earlier.startMonth !== later.startMonth) {
    return earlier.startMonth < later.startMonth;
  }
  return (
    earlier.sequence !== undefined &&
    later.sequence !== undefined &&
    earlier.sequence < later.sequence
  );
}
