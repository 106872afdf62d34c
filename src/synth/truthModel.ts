import { survivalProbabilities, truthHorizonsWeeks } from './durationModel.ts';
import { normalUpperTail } from './normalDistribution.ts';
import { answerNoiseSd, answerSignalRange, severityLogSd } from './sickReportModel.ts';

/**
 * The truth file's probabilities: P(duration > h) given what is known at the sick report. The
 * report's own severity is seen by nobody; the employee's answer reveals it only through noise and
 * the snapping of answers to round numbers. So the truth integrates the duration's survival over
 * the posterior of the risk score: prior N(known risk score, severity sd^2) times the likelihood of
 * the given answer. The employee's frailty stays in the known part: it is the person's own latent
 * proneness, which their history shows to a model only in part.
 *
 * The survival per horizon is tabulated once on a grid of risk scores, so an episode costs one
 * pass over the grid points within 5 prior standard deviations.
 */
const gridStep = 0.05;
const gridMin = -10;
const gridMax = 10;
const gridSize = Math.round((gridMax - gridMin) / gridStep) + 1;
const horizonsDays = truthHorizonsWeeks.map((weeks) => weeks * 7);

// One row of the five horizons per grid point, side by side: the hot loop below then reads one
// array in order instead of five.
const horizonCount = horizonsDays.length;
const survivalGrid = (() => {
  const grid = new Float64Array(gridSize * horizonCount);
  for (let g = 0; g < gridSize; g++) {
    grid.set(survivalProbabilities(gridMin + g * gridStep, horizonsDays), g * horizonCount);
  }
  return grid;
})();

/** P(answer | risk score) = 1 on the grid, for reports without an answer. */
const noAnswerLikelihood = new Float64Array(gridSize).fill(1);

const likelihoodCache = new Map<number, Float64Array>();

/** P(answer | risk score) on the grid, per answer. */
function answerLikelihood(answerIndex: number): Float64Array {
  const cached = likelihoodCache.get(answerIndex);
  if (cached !== undefined) return cached;
  const [low, high] = answerSignalRange(answerIndex);
  const out = new Float64Array(gridSize);
  for (let g = 0; g < gridSize; g++) {
    const r = gridMin + g * gridStep;
    const above = (bound: number) =>
      bound === Infinity
        ? 0
        : bound === -Infinity
          ? 1
          : normalUpperTail((bound - r) / answerNoiseSd);
    out[g] = above(low) - above(high);
  }
  likelihoodCache.set(answerIndex, out);
  return out;
}

/** P(duration > 6, 13, 42, 52, 104 weeks | known risk score, answer), in that order. */
export function truthProbabilities(
  knownRiskScore: number,
  answerIndex: number | undefined,
): [number, number, number, number, number] {
  const likelihood = answerIndex === undefined ? noAnswerLikelihood : answerLikelihood(answerIndex);
  const from = Math.max(0, Math.floor((knownRiskScore - 5 * severityLogSd - gridMin) / gridStep));
  const to = Math.min(
    gridSize - 1,
    Math.ceil((knownRiskScore + 5 * severityLogSd - gridMin) / gridStep),
  );
  // The prior's weight exp(-z^2 / 2) on an even grid by recurrence: with z_g = z0 + g d,
  // w_{g+1} = w_g r_g and r_{g+1} = r_g exp(-d^2). Two products a point instead of an exp: this
  // loop runs for every episode. The five sums are locals rather than an array, for the same
  // reason; each is still added up in grid order, so the values are the same to the last bit.
  const d = gridStep / severityLogSd;
  const z0 = (gridMin + from * gridStep - knownRiskScore) / severityLogSd;
  let weightPrior = Math.exp(-0.5 * z0 * z0);
  let ratio = Math.exp(-z0 * d - 0.5 * d * d);
  const ratioStep = Math.exp(-d * d);
  let total = 0;
  let sum6 = 0;
  let sum13 = 0;
  let sum42 = 0;
  let sum52 = 0;
  let sum104 = 0;
  for (let g = from, row = from * horizonCount; g <= to; g++, row += horizonCount) {
    const weight = weightPrior * likelihood[g]!;
    total += weight;
    sum6 += weight * survivalGrid[row]!;
    sum13 += weight * survivalGrid[row + 1]!;
    sum42 += weight * survivalGrid[row + 2]!;
    sum52 += weight * survivalGrid[row + 3]!;
    sum104 += weight * survivalGrid[row + 4]!;
    weightPrior *= ratio;
    ratio *= ratioStep;
  }
  return [sum6 / total, sum13 / total, sum42 / total, sum52 / total, sum104 / total];
}
