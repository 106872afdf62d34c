/** The measures forecast per group and week, besides the task counts. */
export const taskKinds = [
  'problemAnalysis',
  'planOfAction',
  'evaluation',
  'uwvReport42Weeks',
  'firstYearEvaluation',
  'wiaApplication',
] as const;
export type TaskKind = (typeof taskKinds)[number];

export const measureNames = ['newReports', 'openCases', 'passing6Weeks', ...taskKinds] as const;
export type MeasureName = (typeof measureNames)[number];

/** A point on the legal timeline that a case reaches when it is still absent on that day. */
export interface Milestone {
  readonly measure: MeasureName;
  /** Days of sickness since the first sick day (elapsed day 0) at which the step falls due. */
  readonly sickDay: number;
}

const daysPerWeek = 7;

/**
 * Elapsed day on which sickness week `week` begins: week 1 is elapsed days 0-6. A task "in week
 * N" falls due when a case enters its Nth week still absent, because the employer has to deliver
 * it within that week.
 */
export function weekStartSickDay(week: number): number {
  return (week - 1) * daysPerWeek;
}

/**
 * The Wet verbetering poortwachter timeline (DOMAIN.md): problem analysis (probleemanalyse) in
 * week 6, plan of action (plan van aanpak) in week 8, its evaluations about every 6 weeks after
 * it (weeks 14, 20, ... up to the end of the 104 weeks), the 42nd-week report to UWV
 * (42e-weeksmelding), the first-year evaluation (eerstejaarsevaluatie) in week 52 and the WIA
 * application with the re-integration report around week 91 (UWV sends the forms in week 88;
 * the application is due by week 93). "Passing 6 weeks" is the forecast target P(> 42 days):
 * still absent on day 42, the first day of week 7.
 */
export const poortwachterMilestones: readonly Milestone[] = [
  { measure: 'passing6Weeks', sickDay: 6 * daysPerWeek },
  { measure: 'problemAnalysis', sickDay: weekStartSickDay(6) },
  { measure: 'planOfAction', sickDay: weekStartSickDay(8) },
  ...evaluationWeeks().map((week) => ({
    measure: 'evaluation' as const,
    sickDay: weekStartSickDay(week),
  })),
  { measure: 'uwvReport42Weeks', sickDay: weekStartSickDay(42) },
  { measure: 'firstYearEvaluation', sickDay: weekStartSickDay(52) },
  { measure: 'wiaApplication', sickDay: weekStartSickDay(91) },
];

/** Weeks 14, 20, ... while salary continuation lasts (104 weeks). */
function evaluationWeeks(): number[] {
  const weeks: number[] = [];
  for (let week = 14; week <= 104; week += 6) weeks.push(week);
  return weeks;
}

/**
 * Adds, for one case, every milestone it reaches within the forecast window to `counts`
 * (indexed [measure * horizonWeeks + week - 1]). The case was reported on day `startDay`
 * (relative to the as-of day, so 0 or less for a case already open) and lasts `durationDays`.
 * `priorChainDays` are sick days of earlier episodes of the same chain: a relapse within 4
 * weeks continues the timeline (Wet verbetering poortwachter, samentelling), so steps already
 * passed in the chain are not due again.
 */
export function addMilestones(
  counts: Int32Array,
  horizonWeeks: number,
  startDay: number,
  durationDays: number,
  priorChainDays: number,
): void {
  const lastDay = horizonWeeks * daysPerWeek;
  for (let m = 0; m < milestoneDays.length; m++) {
    const episodeDay = milestoneDays[m]! - priorChainDays;
    if (episodeDay < 0 || durationDays <= episodeDay) continue;
    const day = startDay + episodeDay;
    if (day < 1 || day > lastDay) continue;
    const week = Math.ceil(day / daysPerWeek);
    const index = milestoneMeasures[m]! * horizonWeeks + week - 1;
    counts[index] = counts[index]! + 1;
  }
}

// Flat copies for the simulation's inner loop, which runs once per simulated case.
const milestoneDays = Int32Array.from(poortwachterMilestones, (m) => m.sickDay);
const milestoneMeasures = Int32Array.from(poortwachterMilestones, (m) =>
  measureNames.indexOf(m.measure),
);
