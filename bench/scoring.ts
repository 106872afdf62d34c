/**
 * Scoring benchmark: score and explain 100,000 open cases, features included, with a model that
 * `absencelab train --format canonical` wrote. Target: at most 10 s wall time on a 2-core machine.
 *
 * The synthetic workforce and its model are made once in a temporary folder and reused by later
 * runs (`--fresh` makes them again). Each run of the child (bench/scoringChild.ts) is its own
 * process, so its peak memory is its own; the figures are medians over the runs, with CPU time
 * beside wall time because other work on the machine stretches wall time and not CPU time.
 *
 * Usage: npm run bench:scoring [-- --json] [-- --runs 3] [-- --employees 100000]
 *        [-- --cases 100000] [-- --step-days 7] [-- --fresh]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ChildFigures {
  cases: number;
  dates: number;
  firstDate: string;
  lastDate: string;
  elapsedDays: { p10: number; median: number; p90: number };
  loadMs: number;
  wallMs: number;
  selectMs: number;
  cpuMs: number;
  digest: string;
  modelVersion: string;
  treeCount: number;
}

interface RunFigures extends ChildFigures {
  peakRssMb: number;
}

const targetWallMs = 10_000;

const args = process.argv.slice(2);
const isJson = args.includes('--json');
const isFresh = args.includes('--fresh');
const numberOption = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const employees = numberOption('--employees', 100_000);
const caseCount = numberOption('--cases', 100_000);
const stepDays = numberOption('--step-days', 7);
const runs = numberOption('--runs', 3);

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'bin/absencelab.mjs');
const log = (line: string): void => {
  if (!isJson) console.log(line);
};

// The workforce and the model: reused when a complete earlier set-up is there.
const folder = join(tmpdir(), `absencelab-bench-scoring-${employees}-seed1`);
const dataDir = join(folder, 'data');
const modelFile = join(folder, 'model.json');
const readyFile = join(folder, 'ready.json');
// A set-up made by other code (another generator, other model settings) is made again: the
// fingerprint covers every tracked source file as it is now, edits included.
const sourceFingerprint = fingerprintOfSources();
const isReady =
  [readyFile, modelFile, join(dataDir, 'manifest.json')].every((f) => existsSync(f)) &&
  sourceFingerprint !== undefined &&
  (JSON.parse(readFileSync(readyFile, 'utf8')) as { sources?: string }).sources ===
    sourceFingerprint;
if (isFresh || !isReady) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  log(`Synthesising ${employees} employees over 3 years (seed 1) in ${folder} ...`);
  runCli(['synth', '--employees', String(employees), '--years', '3', '--seed', '1']);
  log('Training the employer model (absencelab train --format canonical) ...');
  const trainStarted = performance.now();
  runCli([
    'train',
    '--data',
    dataDir,
    '--format',
    'canonical',
    '--context',
    'employer',
    '--out',
    modelFile,
  ]);
  writeFileSync(
    readyFile,
    `${JSON.stringify({ employees, seed: 1, trainMs: performance.now() - trainStarted, sources: sourceFingerprint })}\n`,
  );
} else {
  log(`Reusing the workforce and model in ${folder} (--fresh to make them again)`);
}

const results: RunFigures[] = [];
for (let run = 1; run <= runs; run++) {
  log(`Run ${run} of ${runs}: scoring ${caseCount} open cases ...`);
  results.push(runChild());
}

const median = (pick: (r: RunFigures) => number): number => {
  const sorted = results.map(pick).sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const first = results[0]!;
const wallMs = median((r) => r.wallMs);
const cpuMs = median((r) => r.cpuMs);
const summary = {
  target: { wallMs: targetWallMs, cases: caseCount },
  isWithinTarget: wallMs <= targetWallMs,
  cases: first.cases,
  medians: {
    wallMs,
    cpuMs,
    selectMs: median((r) => r.selectMs),
    peakRssMb: median((r) => r.peakRssMb),
    casesPerSecond: first.cases / (wallMs / 1000),
    casesPerCpuSecond: first.cases / (cpuMs / 1000),
  },
  isDeterministic: results.every((r) => r.digest === first.digest),
  setup: {
    employees,
    stepDays,
    dates: first.dates,
    firstDate: first.firstDate,
    lastDate: first.lastDate,
    elapsedDays: first.elapsedDays,
    modelVersion: first.modelVersion,
    treeCount: first.treeCount,
    folder,
  },
  runs: results.map((r) => ({
    wallMs: r.wallMs,
    cpuMs: r.cpuMs,
    selectMs: r.selectMs,
    loadMs: r.loadMs,
    peakRssMb: r.peakRssMb,
    digest: r.digest,
  })),
};

if (isJson) {
  console.log(JSON.stringify(summary));
} else {
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const m = summary.medians;
  log('');
  log(
    `Scored and explained ${summary.cases} open cases (${first.dates} days from ` +
      `${first.firstDate} to ${first.lastDate}, median ${first.elapsedDays.median} days absent), ` +
      `model ${first.modelVersion} (${first.treeCount} trees)`,
  );
  log(`  median of ${runs} runs:`);
  log(`  wall time   ${s(m.wallMs)} s (target <= ${s(targetWallMs)} s)`);
  log(`  CPU time    ${s(m.cpuMs)} s (of which selecting the open cases ${s(m.selectMs)} s wall)`);
  log(`  peak RSS    ${m.peakRssMb.toFixed(0)} MB (the whole workforce is loaded)`);
  log(
    `  cases/s     ${m.casesPerSecond.toFixed(0)} (${m.casesPerCpuSecond.toFixed(0)} per CPU ` +
      `second; target >= ${(caseCount / (targetWallMs / 1000)).toFixed(0)})`,
  );
  log(`  runs (wall / CPU s): ${results.map((r) => `${s(r.wallMs)} / ${s(r.cpuMs)}`).join(', ')}`);
  log(`  same indications in every run: ${summary.isDeterministic ? 'yes' : 'NO'}`);
  log(summary.isWithinTarget ? '  within target' : '  OUTSIDE target');
  log('Wall time depends on other load on the machine; CPU time much less so.');
}
process.exitCode = summary.isWithinTarget && summary.isDeterministic ? 0 : 1;

function runCli(cliArgs: string[]): void {
  const fullArgs = cliArgs[0] === 'synth' ? [...cliArgs, '--out', dataDir] : cliArgs;
  const result = spawnSync(process.execPath, [cli, ...fullArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, TZ: 'UTC' },
  });
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`absencelab ${cliArgs[0]} exited with ${String(result.status)}`);
  }
}

function runChild(): RunFigures {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      join(root, 'bench/maxRssProbe.mjs'),
      '--import',
      'tsx',
      join(root, 'bench/scoringChild.ts'),
      dataDir,
      modelFile,
      String(caseCount),
      String(stepDays),
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, TZ: 'UTC' } },
  );
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`the scoring child exited with ${String(result.status)}`);
  }
  const figures = JSON.parse(result.stdout.trim().split('\n').pop()!) as ChildFigures;
  const rssKb = Number(/maxRssKb=(\d+)/.exec(result.stderr)?.[1]);
  return { ...figures, peakRssMb: rssKb / 1024 };
}

/** SHA-256 of the tracked files under src/ and of their uncommitted changes; undefined outside git. */
function fingerprintOfSources(): string | undefined {
  const root = new URL('..', import.meta.url).pathname;
  const git = (gitArgs: string[]) => spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' });
  const tracked = git(['ls-files', '-s', 'src']);
  const changes = git(['diff', 'HEAD', '--', 'src']);
  if (tracked.status !== 0 || changes.status !== 0) return undefined;
  return createHash('sha256').update(tracked.stdout).update(changes.stdout).digest('hex');
}
