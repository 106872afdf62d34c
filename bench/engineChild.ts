// Our side of the engine benchmark, in its own process so its peak memory is its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auc } from '../src/engine/metrics/auc.ts';
import {
  explainMarginsParallel,
  predictMarginsParallel,
} from '../src/engine/parallel/rowParallel.ts';
import type { FeatureMatrix } from '../src/engine/trees/featureMatrix.ts';
import { trainGradientBoosting } from '../src/engine/trees/trainGradientBoosting.ts';
import { featureCount } from './engineData.ts';

const [dir, trainRowsText, testRowsText, explainRowsText, treesText] = process.argv.slice(2);
const trainRows = Number(trainRowsText);
const testRows = Number(testRowsText);
const explainRows = Number(explainRowsText);
const treeCount = Number(treesText);

const readFloats = (name: string): Float32Array => {
  const bytes = readFileSync(join(dir!, name));
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};
const train: FeatureMatrix = {
  rowCount: trainRows,
  featureCount,
  values: readFloats('train.cols.f32'),
};
const test: FeatureMatrix = {
  rowCount: testRows,
  featureCount,
  values: readFloats('test.cols.f32'),
};
const trainLabels = readFloats('train.y.f32');
const testLabels = readFloats('test.y.f32');

let started = performance.now();
const cpuStarted = process.cpuUsage();
const { model } = await trainGradientBoosting(train, trainLabels, {
  treeCount,
  maxDepth: 6,
  learningRate: 0.1,
  maxBins: 256,
  threadCount: 2,
});
const trainSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const trainCpuSeconds = (cpu.user + cpu.system) / 1e6;

// Scoring: best of three runs on both threads (other load on the machine only ever slows it),
// after one untimed run, as on XGBoost's side: the CPU figure is then the scoring's, not the
// start of the worker thread (about half a CPU second with tsx) and the compiler's warm-up.
let margins = await predictMarginsParallel(model, test, 2);
let scoreSeconds = Number.POSITIVE_INFINITY;
let cpuMark = process.cpuUsage();
for (let run = 0; run < 3; run++) {
  started = performance.now();
  margins = await predictMarginsParallel(model, test, 2);
  scoreSeconds = Math.min(scoreSeconds, (performance.now() - started) / 1000);
}
const scoreCpuSeconds = cpuSecondsSince(cpuMark) / 3;
const testAuc = auc(margins, testLabels);

const explainMatrix: FeatureMatrix = {
  rowCount: explainRows,
  featureCount,
  values: Float32Array.from({ length: explainRows * featureCount }, (_, k) => {
    const f = Math.floor(k / explainRows);
    return test.values[f * testRows + (k % explainRows)]!;
  }),
};
started = performance.now();
cpuMark = process.cpuUsage();
const explanation = await explainMarginsParallel(model, explainMatrix, 2);
const explainSeconds = (performance.now() - started) / 1000;
const explainCpuSeconds = cpuSecondsSince(cpuMark);
let worstGap = 0;
for (let i = 0; i < explainRows; i++) {
  let sum = explanation.baseMargin;
  for (let f = 0; f < featureCount; f++) sum += explanation.contributions[i * featureCount + f]!;
  worstGap = Math.max(worstGap, Math.abs(sum - margins[i]!));
}

process.stdout.write(
  JSON.stringify({
    trainSeconds,
    trainCpuSeconds,
    auc: testAuc,
    scoreRowsPerSecond: testRows / scoreSeconds,
    scoreRowsPerCpuSecond: testRows / scoreCpuSeconds,
    explainRowsPerSecond: explainRows / explainSeconds,
    explainRowsPerCpuSecond: explainRows / explainCpuSeconds,
    peakMemoryMB: process.resourceUsage().maxRSS / 1024,
    shapAdditivityGap: worstGap,
  }),
);

function cpuSecondsSince(mark: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(mark);
  return (used.user + used.system) / 1e6;
}
