import { createRandom, type Random } from '../core/random.ts';
import type { CaseSnapshot } from './caseSnapshot.ts';
import type { InflowForecast } from './inflowMethods.ts';
import { addMilestones, measureNames } from './poortwachterMilestones.ts';
import { drawPoisson, drawUnitGamma } from './randomCounts.ts';

/** How long cases last: whole days from the sick report, drawn by inverting a survival curve. */
export interface DurationSampler {
  /** Total duration of open case `openIndex` (into snapshot.openCases), given its elapsed days. */
  drawOpen(openIndex: number, uniform: number): number;
  /** Duration of a new case in `segment` reported in week `week` ahead, from its sick report. */
  drawNew(segment: number, uniform: number, week: number): number;
}

export interface SimulationOptions {
  readonly horizonWeeks: number;
  readonly simulations: number;
  readonly seed: number;
  /**
   * Spread (sd of the log) of the error of the total's inflow level per week ahead, beyond
   * Poisson noise: shared by every group, because flu and holidays hit all teams at once.
   */
  readonly commonLogSdByWeek: ArrayLike<number>;
  /**
   * Spread (sd of the log) of an error drawn afresh each week, shared by every group: the
   * seasonal profile's estimation error, which differs from one time of year to the next.
   */
  readonly weeklyLogSdByWeek: ArrayLike<number>;
  /**
   * The duration model's error on the open count per week ahead (openCaseErrorSpread): the
   * simulated open count is multiplied by exp(bias + sd z), one z per simulation shared by
   * every group and week, since a drift in durations or a slow season of recoveries moves all
   * cases together and lasts. Absent: no such error.
   */
  readonly openCaseLogBiasByWeek?: ArrayLike<number>;
  readonly openCaseLogSdByWeek?: ArrayLike<number>;
}

/** Simulated counts of one unit: values[(measure * horizonWeeks + week - 1) * simulations + sim]. */
export interface SimulatedCounts {
  readonly values: Int32Array;
}

const daysPerWeek = 7;

/**
 * Monte Carlo of the caseload (DOMAIN.md, "Caseload"): per simulation, draw each week's new sick
 * reports (Poisson around the forecast, times a level error shared by all groups and one per
 * group), then the duration of every case, open ones given their elapsed days, and count per
 * week the cases open at the end of it, those passing 6 weeks and each Poortwachter step due.
 * Units are simulated one at a time from their own random stream, so memory stays at one unit's
 * counts and the result does not depend on how many units there are before a given one.
 */
export function simulateCaseload(
  snapshot: CaseSnapshot,
  inflow: InflowForecast,
  durations: DurationSampler,
  options: SimulationOptions,
  onUnit: (unit: number, counts: SimulatedCounts) => void,
): void {
  const { horizonWeeks: horizon, simulations } = options;
  const random = createRandom(options.seed);
  const measureCount = measureNames.length;
  const openMeasure = measureNames.indexOf('openCases');
  const newMeasure = measureNames.indexOf('newReports');

  // Step 1: the errors shared by all groups per simulation and week. The level error is one
  // normal draw per simulation, so an unexpectedly high level lasts through the horizon as a
  // real level shift would; the seasonal profile's error is drawn per week.
  const commonFactors = new Float64Array(simulations * horizon);
  for (let s = 0; s < simulations; s++) {
    const z = random.normal();
    for (let h = 0; h < horizon; h++) {
      const sd = options.commonLogSdByWeek[h] ?? 0;
      const weeklySd = options.weeklyLogSdByWeek[h] ?? 0;
      const logFactor = sd * z + weeklySd * random.normal() - (sd * sd + weeklySd * weeklySd) / 2;
      commonFactors[s * horizon + h] = Math.exp(logFactor);
    }
  }
  const unitStreams = Array.from({ length: snapshot.unitCount }, () => random.fork());
  // Forked after the units' streams, so adding this error leaves every other draw as it was.
  const openRandom = random.fork();
  const openFactors = new Float64Array(simulations * horizon).fill(1);
  const roundingStreams = Array.from({ length: snapshot.unitCount }, () => openRandom.fork());
  // Forked last for the same reason: the chain of each new case draws from its own streams.
  const chainRandom = random.fork();
  const chainStreams = Array.from({ length: snapshot.unitCount }, () => chainRandom.fork());
  const priorChainDays = snapshot.recentPriorChainDays;
  if (options.openCaseLogSdByWeek !== undefined || options.openCaseLogBiasByWeek !== undefined) {
    for (let s = 0; s < simulations; s++) {
      const z = openRandom.normal();
      for (let h = 0; h < horizon; h++) {
        const bias = options.openCaseLogBiasByWeek?.[h] ?? 0;
        const sd = options.openCaseLogSdByWeek?.[h] ?? 0;
        openFactors[s * horizon + h] = Math.exp(bias + sd * z);
      }
    }
  }
  const openByUnit = Array.from({ length: snapshot.unitCount }, () => [] as number[]);
  snapshot.openCases.forEach((c, i) => openByUnit[c.unit]!.push(i));
  const dayCumulative = cumulative(snapshot.reportDayShares);

  // Step 2: per unit, every simulation.
  for (let unit = 0; unit < snapshot.unitCount; unit++) {
    const unitRandom = unitStreams[unit]!;
    const rounding = roundingStreams[unit]!;
    const chains = chainStreams[unit]!;
    const values = new Int32Array(measureCount * horizon * simulations);
    const perSim = new Int32Array(measureCount * horizon);
    const segmentCumulative = cumulative(snapshot.segmentSharesByUnit[unit]!);
    const means = inflow.meanByUnit[unit]!;
    const levelShape = inflow.levelShapeByUnit[unit]!;

    for (let s = 0; s < simulations; s++) {
      perSim.fill(0);
      for (const openIndex of openByUnit[unit]!) {
        const open = snapshot.openCases[openIndex]!;
        const duration = durations.drawOpen(openIndex, unitRandom.next());
        countCase(perSim, horizon, openMeasure, -open.elapsedDays, duration, open.priorChainDays);
      }

      const level = drawUnitGamma(levelShape, unitRandom);
      for (let h = 1; h <= horizon; h++) {
        const mean = means[h - 1]! * level * commonFactors[s * horizon + h - 1]!;
        const reports = drawPoisson(mean, unitRandom);
        perSim[newMeasure * horizon + h - 1] = reports;
        for (let r = 0; r < reports; r++) {
          const startDay = (h - 1) * daysPerWeek + 1 + pick(dayCumulative, unitRandom);
          const segment = pick(segmentCumulative, unitRandom);
          const duration = durations.drawNew(segment, unitRandom.next(), h);
          // A relapse within 4 weeks continues its chain and reaches the steps sooner; the
          // share of relapses and their chains' earlier sick days are those of the last year.
          // TODO: drawn from the whole workforce's reports, so a group that relapses more (or
          // less) than the rest gets the common share, and its steps due are off by the gap.
          const prior =
            priorChainDays.length === 0
              ? 0
              : priorChainDays[Math.floor(chains.next() * priorChainDays.length)]!;
          countCase(perSim, horizon, openMeasure, startDay, duration, prior);
        }
      }
      for (let h = 0; h < horizon; h++) {
        const index = openMeasure * horizon + h;
        const scaled = perSim[index]! * openFactors[s * horizon + h]!;
        // Rounded at random, up with the chance of the fraction: a group of two open cases
        // still carries its share of a 3 % factor, so the groups add up to the scaled total in
        // expectation.
        const whole = Math.floor(scaled);
        perSim[index] = whole + (rounding.next() < scaled - whole ? 1 : 0);
      }
      for (let i = 0; i < perSim.length; i++) values[i * simulations + s] = perSim[i]!;
    }
    onUnit(unit, { values });
  }
}

/** Adds one case to the open counts of every week it is open at the end of, and its steps due. */
function countCase(
  counts: Int32Array,
  horizon: number,
  openMeasure: number,
  startDay: number,
  durationDays: number,
  priorChainDays: number,
): void {
  // Open at the end of day t when startDay <= t < startDay + duration; weeks end on day 7k.
  const firstWeek = Math.max(1, Math.ceil(startDay / daysPerWeek));
  const endDay = startDay + durationDays;
  const lastWeek = Math.min(horizon, Math.ceil(endDay / daysPerWeek) - 1);
  for (let k = firstWeek; k <= lastWeek; k++) {
    const index = openMeasure * horizon + k - 1;
    counts[index] = counts[index]! + 1;
  }
  addMilestones(counts, horizon, startDay, durationDays, priorChainDays);
}

function cumulative(shares: Float64Array): Float64Array {
  const out = new Float64Array(shares.length);
  let sum = 0;
  shares.forEach((share, i) => {
    sum += share;
    out[i] = sum;
  });
  return out;
}

/** Index drawn with the probabilities whose running sums are `cumulativeShares`. */
function pick(cumulativeShares: Float64Array, random: Random): number {
  const u = random.next() * cumulativeShares[cumulativeShares.length - 1]!;
  let i = 0;
  while (i < cumulativeShares.length - 1 && cumulativeShares[i]! <= u) i++;
  return i;
}
