import type { Random } from '../core/random.ts';
import { normalUpperTail } from './normalDistribution.ts';

/**
 * Episode durations as a mixture of three log-normal components: a short one (a cold, a few days),
 * a medium one (weeks) and a long one (months, the Poortwachter cases). The employee's risk score
 * moves probability from the short towards the long component, so the survival function at any
 * horizon is a closed form: the mixture of log-normal tails. That lets the generator write the true
 * probabilities of every episode without simulating.
 */
interface DurationComponent {
  medianDays: number;
  logSd: number;
}

const components: readonly DurationComponent[] = [
  { medianDays: 3.2, logSd: 0.6 },
  { medianDays: 10, logSd: 0.55 },
  { medianDays: 90, logSd: 0.85 },
];

/** Log-odds against the short component at risk score 0; the risk score is centred near 0. */
const mediumInterceptLogit = -2.1;
const longInterceptLogit = -2.68;
/** The medium component answers the risk score less than the long one. */
const mediumRiskWeight = 0.5;

/** The legal horizons of DOMAIN.md (week 6, 13, 42, 52, 104), in days. */
export const truthHorizonsWeeks = [6, 13, 42, 52, 104] as const;

export interface ComponentProbabilities {
  short: number;
  medium: number;
  long: number;
}

export function componentProbabilitiesOf(riskScore: number): ComponentProbabilities {
  const medium = Math.exp(mediumInterceptLogit + mediumRiskWeight * riskScore);
  const long = Math.exp(longInterceptLogit + riskScore);
  const total = 1 + medium + long;
  return { short: 1 / total, medium: medium / total, long: long / total };
}

/**
 * P(duration > horizonDays) for the episode's risk score. Durations are whole days, rounded up from
 * the continuous draw, so for a whole number of days P(durationDays > h) = P(D > h) exactly.
 */
export function survivalProbability(riskScore: number, horizonDays: number): number {
  return survivalProbabilities(riskScore, [horizonDays])[0]!;
}

/** P(duration > h) for each of the horizons, sharing the mixture weights. */
export function survivalProbabilities(
  riskScore: number,
  horizonsDays: readonly number[],
): number[] {
  const weights = componentProbabilitiesOf(riskScore);
  return horizonsDays.map((horizonDays) => {
    const logHorizon = Math.log(horizonDays);
    return (
      weights.short * logNormalTail(components[0]!, logHorizon) +
      weights.medium * logNormalTail(components[1]!, logHorizon) +
      weights.long * logNormalTail(components[2]!, logHorizon)
    );
  });
}

export function drawDurationDays(riskScore: number, random: Random): number {
  const weights = componentProbabilitiesOf(riskScore);
  const u = random.next();
  const component =
    u < weights.short
      ? components[0]!
      : u < weights.short + weights.medium
        ? components[1]!
        : components[2]!;
  const days = component.medianDays * Math.exp(component.logSd * random.normal());
  return Math.max(1, Math.ceil(days));
}

function logNormalTail(component: DurationComponent, logHorizon: number): number {
  return normalUpperTail((logHorizon - Math.log(component.medianDays)) / component.logSd);
}
