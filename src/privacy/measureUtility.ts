import { createRandom } from '../core/random.ts';
import { fitLogistic, logisticMargin } from '../engine/linear/logisticRegression.ts';
import { auc } from '../engine/metrics/auc.ts';
import { pairedAucDifference } from './pairedAucDifference.ts';
import { isoDayNumber } from './rules/isoDay.ts';

/** Rows the utility check keeps in memory; the AUC is stable long before this. */
export const utilitySampleRows = 50_000;
const testShare = 0.3;
const maxCategories = 20;
const lambda = 1;
/** The requirement: the extract's AUC within 0.01 of the original's. */
export const utilityMarginAuc = 0.01;

export interface UtilitySample {
  /** Per row: the original feature values, the extract's values (undefined when suppressed). */
  original: string[][];
  extract: (string[] | undefined)[];
  labels: number[];
  /**
   * Per row, the person it belongs to (the policy's subject column, trimmed; '' without one), so
   * that the split keeps all of a person's rows on one side. Held in memory only, never written.
   */
  subjects: string[];
}

export interface UtilityResult {
  target: string;
  features: string[];
  method: string;
  sampleRows: number;
  /** `person` when the policy names a subject column: all of a person's rows on one side. */
  splitBy: 'person' | 'row';
  /** Held-out rows scored: the ones the extract kept. */
  testRows: number;
  /** Persons (rows, when split by row) among the scored rows: the clusters of the interval. */
  testSubjects: number;
  /** AUC on held-out rows of a logistic regression on the original values and on the extract's. */
  aucOriginal: number | null;
  aucExtract: number | null;
  /** aucOriginal - aucExtract: what pseudonymisation and generalisation cost in discrimination. */
  aucLoss: number | null;
  /** 95 % interval of aucLoss: paired (same rows), clustered by person (Obuchowski 1997). */
  aucLoss95: [number, number] | null;
  aucLossStandardError: number | null;
  /**
   * Against |aucLoss| <= utilityMarginAuc: `within` when the whole interval lies inside the
   * margin, `outside` when it lies wholly beyond it, `undecided` when the sample cannot tell.
   */
  marginAuc: number;
  verdict: 'within' | 'outside' | 'undecided' | null;
}

/**
 * The utility cost of the extract: the same simple model fitted once on the identifiable
 * original's feature values (all its training rows) and once on the extract's (the training rows
 * it kept), both scored by AUC on the same held-out rows: those the extract kept. Scoring the
 * original on all held-out rows instead made the extract look better than the original whenever
 * suppression removed hard rows. Numbers and dates are used as numbers with decile steps, anything
 * else one-hot, so it works on any policy; it is a yardstick, not the product's model (see
 * survivalUtility.ts for that one). With a subject column the split is by person, so that no
 * employee's episodes are on both sides, and the interval of the loss counts persons, not rows:
 * with about 1,300 test rows an AUC's standard error is about 0.015, and only the pairing (both
 * models on the same rows) makes a difference of 0.01 measurable at all.
 */
export function measureUtility(
  sample: UtilitySample,
  target: string,
  features: readonly string[],
): UtilityResult {
  const random = createRandom(1);
  const isSplitByPerson = sample.subjects.some((subject) => subject !== '');
  const subjectIndex = subjectIndexes(sample.subjects, isSplitByPerson);
  const isTestSubject: boolean[] = [];
  for (let s = 0; s < subjectIndex.count; s++) isTestSubject.push(random.next() < testShare);
  const isTest = subjectIndex.ofRow.map((s) => isTestSubject[s]!);
  const originalRows = encodeRows(sample.original);
  const keptIndexes = sample.extract.flatMap((row, i) => (row === undefined ? [] : [i]));
  const extractRows = encodeRows(keptIndexes.map((i) => sample.extract[i]!));

  const isKept = sample.extract.map((row) => row !== undefined);
  const originalScores = fitAndScore(
    originalRows,
    sample.labels,
    isTest.map((test) => !test),
    isTest.map((test, i) => test && isKept[i]!),
  );
  const keptIsTest = keptIndexes.map((i) => isTest[i]!);
  const extractScores = fitAndScore(
    extractRows,
    keptIndexes.map((i) => sample.labels[i]!),
    keptIsTest.map((test) => !test),
    keptIsTest,
  );
  // The scored rows, in the same order for both: the held-out rows the extract kept.
  const scored = keptIndexes.filter((i) => isTest[i]!);
  const labels = scored.map((i) => sample.labels[i]!);
  const clusters = scored.map((i) => subjectIndex.ofRow[i]!);
  const aucOriginal = aucOrNull(originalScores, labels);
  const aucExtract = aucOrNull(extractScores, labels);
  const loss =
    originalScores === null || extractScores === null || aucOriginal === null || aucExtract === null
      ? undefined
      : pairedAucDifference(originalScores, extractScores, labels, clusters);
  const hasInterval = loss !== undefined && Number.isFinite(loss.standardError);
  return {
    target,
    features: [...features],
    method:
      `L2 logistic regression (lambda 1), 70/30 split by ${isSplitByPerson ? 'person' : 'row'} ` +
      `with seed 1; numbers and dates numeric with decile steps, other values one-hot (top ` +
      `${maxCategories}); 95 % interval of the loss paired and clustered by ` +
      `${isSplitByPerson ? 'person' : 'row'} (Obuchowski 1997)`,
    sampleRows: sample.labels.length,
    splitBy: isSplitByPerson ? 'person' : 'row',
    testRows: scored.length,
    testSubjects: new Set(clusters).size,
    aucOriginal: aucOriginal === null ? null : round(aucOriginal),
    aucExtract: aucExtract === null ? null : round(aucExtract),
    aucLoss: loss === undefined ? null : round(loss.difference),
    aucLoss95: hasInterval ? [round(loss.lower), round(loss.upper)] : null,
    aucLossStandardError: hasInterval ? round(loss.standardError) : null,
    marginAuc: utilityMarginAuc,
    verdict: hasInterval ? verdictOf(loss.lower, loss.upper) : null,
  };
}

/** Whether a 95 % interval of an AUC loss lies within the margin, beyond it, or across it. */
export function verdictOf(lower: number, upper: number): UtilityResult['verdict'] {
  if (lower >= -utilityMarginAuc && upper <= utilityMarginAuc) return 'within';
  if (lower > utilityMarginAuc || upper < -utilityMarginAuc) return 'outside';
  return 'undecided';
}

/** Persons numbered in the order first seen; without subjects every row is its own. */
function subjectIndexes(
  subjects: readonly string[],
  isByPerson: boolean,
): { ofRow: number[]; count: number } {
  if (!isByPerson) return { ofRow: subjects.map((_, i) => i), count: subjects.length };
  const index = new Map<string, number>();
  const ofRow = subjects.map((subject) => {
    let s = index.get(subject);
    if (s === undefined) {
      s = index.size;
      index.set(subject, s);
    }
    return s;
  });
  return { ofRow, count: index.size };
}

/** Margins of the scored rows, in row order; null when the training rows cannot fit a model. */
function fitAndScore(
  rows: readonly Float64Array[],
  labels: readonly number[],
  isTrain: readonly boolean[],
  isScored: readonly boolean[],
): number[] | null {
  const trainRows = rows.filter((_, i) => isTrain[i]);
  const trainLabels = labels.filter((_, i) => isTrain[i]);
  if (trainRows.length === 0 || new Set(trainLabels).size < 2) return null;
  const fit = fitLogistic(trainRows, trainLabels, { lambda });
  const scores: number[] = [];
  rows.forEach((row, i) => {
    if (isScored[i]) scores.push(logisticMargin(fit, row));
  });
  return scores;
}

function aucOrNull(scores: readonly number[] | null, labels: readonly number[]): number | null {
  if (scores === null) return null;
  const value = auc(scores, labels);
  return Number.isNaN(value) ? null : value;
}

/** Encodes rows of text cells as numbers: numeric, date or one-hot per column. */
function encodeRows(rows: readonly (readonly string[])[]): Float64Array[] {
  const width = rows[0]?.length ?? 0;
  const encoders = Array.from({ length: width }, (_, j) => columnEncoder(rows.map((r) => r[j]!)));
  const size = encoders.reduce((sum, encoder) => sum + encoder.width, 0);
  return rows.map((row) => {
    const encoded = new Float64Array(size);
    let offset = 0;
    encoders.forEach((encoder, j) => {
      encoder.encode(row[j]!, encoded, offset);
      offset += encoder.width;
    });
    return encoded;
  });
}

interface ColumnEncoder {
  width: number;
  encode(value: string, into: Float64Array, offset: number): void;
}

function columnEncoder(values: readonly string[]): ColumnEncoder {
  const present = values.filter((value) => value !== '');
  const asNumber = (value: string): number | undefined => {
    const number = Number(value);
    if (value !== '' && Number.isFinite(number)) return number;
    return isoDayNumber(value);
  };
  const numbers = present.map(asNumber).filter((n): n is number => n !== undefined);
  if (present.length > 0 && numbers.length >= 0.95 * present.length) {
    const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
    const variance = numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length;
    const sd = Math.sqrt(variance) || 1;
    const cuts = decileCuts(numbers);
    return {
      width: 1 + cuts.length,
      encode(value, into, offset) {
        const number = asNumber(value);
        if (number === undefined) return;
        into[offset] = (number - mean) / sd;
        // One indicator per decile passed: a step function on top of the line, so that a model on
        // raw numbers can learn the nonlinear effects an extract's bands and caps give for free.
        for (let c = 0; c < cuts.length && number >= cuts[c]!; c++) into[offset + 1 + c] = 1;
      },
    };
  }
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  // The most frequent category is the reference (all zeros), so the columns are not collinear.
  const categories = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(1, maxCategories + 1)
    .map(([value]) => value);
  const indexOf = new Map(categories.map((value, i) => [value, i]));
  return {
    width: categories.length,
    encode(value, into, offset) {
      const i = indexOf.get(value);
      if (i !== undefined) into[offset + i] = 1;
    },
  };
}

/** The distinct deciles of the values, the lowest left out (it is the reference). */
function decileCuts(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts = new Set<number>();
  for (let d = 1; d < 10; d++) cuts.add(sorted[Math.floor((d * sorted.length) / 10)]!);
  cuts.delete(sorted[0]!);
  return [...cuts].sort((a, b) => a - b);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
