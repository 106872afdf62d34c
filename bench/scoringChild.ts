// One run of the scoring benchmark (bench/scoring.ts starts it), in its own process so that its
// peak memory and its caches are its own. Reading the data and the model is not timed; per scoring
// day, selecting the open cases, building their features, scoring and explaining them is. Wall
// and CPU time are the sums over the days; CPU time counts every thread of the process (the
// garbage collector's helpers too).
// Usage: node --import tsx bench/scoringChild.ts DATA_DIR MODEL_FILE CASES STEP_DAYS
import { createHash } from 'node:crypto';
import { loadCanonicalProblem, openCasesAsOf } from '../src/absence/canonicalPipeline.ts';
import { survivalScorer } from '../src/absence/survival/survivalScorer.ts';
import { addDays } from '../src/core/canonical/dates.ts';
import type { ScoringCase } from '../src/features/scoringCase.ts';
import { readModelFile } from '../src/cli/readModelFile.ts';

const [dataDir, modelFile, casesText, stepText] = process.argv.slice(2);
const target = Number(casesText);
const stepDays = Number(stepText);

const loadStarted = performance.now();
const { cases, dataset } = await loadCanonicalProblem(dataDir!);
const loaded = await readModelFile(modelFile!);
if (loaded.kind !== 'discrete-time-hazard') throw new Error(`${modelFile} is not a hazard model`);
const loadMs = performance.now() - loadStarted;

// The scoring days: the last observed day, then every `stepDays` days back, until the cases open
// on them reach the target. Counted here, untimed, so the timed part knows where to stop.
const dates: { asOf: string; take: number }[] = [];
let planned = 0;
for (let asOf = dataset.observedUntil; planned < target; asOf = addDays(asOf, -stepDays)) {
  if (asOf < dataset.observedFrom) break;
  const open = openCasesAsOf(cases, asOf).length;
  const take = Math.min(open, target - planned);
  if (take > 0) dates.push({ asOf, take });
  planned += take;
}
if (planned < target) throw new Error(`only ${planned} open cases in the period`);

// Untimed between batches: each batch's indications go into the digest and are let go, as a job
// that writes them out would; keeping all of them would leave the timed part collecting garbage
// over an ever larger heap, which is no part of scoring.
const hash = createHash('sha256');
const elapsed: number[] = [];
let count = 0;
let wallMs = 0;
let cpuMicros = 0;
let selectMs = 0;
globalThis.gc?.();
for (const { asOf, take } of dates) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  // A fresh object per (day, case): nothing computed for the case on an earlier day is reused.
  const open: ScoringCase[] = openCasesAsOf(cases, asOf)
    .slice(0, take)
    .map((c) => ({ ...c }));
  selectMs += performance.now() - started;
  const scorer = survivalScorer(loaded.model, loaded.ensemble);
  const batch = scorer.scoreMany(open, { asOfDate: asOf });
  wallMs += performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  cpuMicros += cpu.user + cpu.system;

  for (const indication of batch) {
    hash.update(JSON.stringify(indication));
    elapsed.push(indication.elapsedDays);
    count++;
  }
}

// The spread of days absent, untimed.
elapsed.sort((a, b) => a - b);
const quantile = (q: number) =>
  elapsed[Math.min(elapsed.length - 1, Math.floor(q * elapsed.length))]!;

process.stdout.write(
  `${JSON.stringify({
    cases: count,
    dates: dates.length,
    firstDate: dates[dates.length - 1]!.asOf,
    lastDate: dates[0]!.asOf,
    elapsedDays: { p10: quantile(0.1), median: quantile(0.5), p90: quantile(0.9) },
    loadMs,
    wallMs,
    selectMs,
    cpuMs: cpuMicros / 1000,
    digest: hash.digest('hex'),
    modelVersion: loaded.model.modelVersion,
    treeCount: loaded.model.training.treeCount,
  })}\n`,
);
