import { sigmoid } from '../../engine/calibration/platt.ts';
import { daysPerWeek, knotsWeeks, maxDays } from './legalIntervals.ts';

const knotDays = knotsWeeks.map((weeks) => weeks * daysPerWeek);
export const intervalCount = knotsWeeks.length - 1;

/**
 * One case's survival curve S(t) = P(absence lasts more than t days), t in 0..728. At the knots it
 * is the product of the interval survivals q_j = 1 - hazard_j; within an interval it follows the
 * shape of the training population's Kaplan-Meier curve, scaled to the case's own q_j.
 */
export class SurvivalCurve {
  readonly knotSurvival: Float64Array;

  constructor(
    /** Hazard margins per interval: log-odds of ending within it, given absent at its start. */
    readonly margins: Float64Array,
    private readonly baselineByDay: readonly number[],
  ) {
    this.knotSurvival = new Float64Array(knotsWeeks.length);
    this.knotSurvival[0] = 1;
    for (let j = 0; j < intervalCount; j++) {
      this.knotSurvival[j + 1] = this.knotSurvival[j]! * sigmoid(-margins[j]!);
    }
  }

  /** S(day); 1 before day 0; beyond 104 weeks the last knot value. */
  at(day: number): number {
    if (day <= 0) return 1;
    if (day >= maxDays) return this.knotSurvival[intervalCount]!;
    const j = intervalOf(day);
    const survivedInterval = sigmoid(-this.margins[j]!);
    return this.knotSurvival[j]! * (1 - (1 - survivedInterval) * this.withinShare(j, day));
  }

  /** P(lasts more than `day` | lasted `elapsedDays`). */
  conditional(day: number, elapsedDays: number): number {
    return this.conditionalGiven(day, elapsedDays, this.at(elapsedDays));
  }

  /**
   * The first day t >= elapsedDays with P(more than t | elapsed) <= level: level 0.5 is the median
   * duration. Undefined when the curve stays above the level up to 104 weeks.
   */
  quantileDay(level: number, elapsedDays: number): number | undefined {
    // S(elapsed) once for the whole search: each step then costs one look-up of the curve.
    const base = this.at(elapsedDays);
    if (this.conditionalGiven(maxDays, elapsedDays, base) > level) return undefined;
    let low = Math.max(0, Math.floor(elapsedDays));
    let high = maxDays;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.conditionalGiven(middle, elapsedDays, base) <= level) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private conditionalGiven(day: number, elapsedDays: number, base: number): number {
    if (day <= elapsedDays) return 1;
    return base > 0 ? this.at(day) / base : 0;
  }

  /**
   * P(lasts past the end of the current interval | absent on `elapsedDays`), as a function of the
   * interval's hazard margin (by default the case's own): the headline that explanations map
   * margin contributions onto. Monotone in the margin.
   */
  headline(elapsedDays: number, margin?: number): number {
    const j = intervalOf(elapsedDays);
    const survived = sigmoid(-(margin ?? this.margins[j]!));
    const day = Math.min(maxDays, Math.max(0, elapsedDays));
    return survived / (1 - (1 - survived) * this.withinShare(j, day));
  }

  // Share of the interval's ending mass the baseline places before `day`.
  private withinShare(j: number, day: number): number {
    const from = this.baselineByDay[knotDays[j]!]!;
    const to = this.baselineByDay[knotDays[j + 1]!]!;
    const span = from - to;
    if (span <= 1e-12) return (day - knotDays[j]!) / (knotDays[j + 1]! - knotDays[j]!);
    return Math.min(1, Math.max(0, (from - this.baselineByDay[day]!) / span));
  }
}

/** The interval holding `day` (days since the sick report); the last one beyond it. */
export function intervalOf(day: number): number {
  for (let j = 0; j < intervalCount; j++) if (day < knotDays[j + 1]!) return j;
  return intervalCount - 1;
}

/** The end of interval j, in days. */
export function intervalEndDay(j: number): number {
  return knotDays[j + 1]!;
}
