// Engine benchmark: our gradient boosting against XGBoost 'hist' on one seeded table, in one run.
// Usage: npm run bench:engine [-- --json] [-- --rows 1000000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureCount, generateTable } from './engineData.ts';

interface SideFigures {
  trainSeconds: number;
  /** CPU time of all threads; steadier than wall time when other work shares the machine. */
  trainCpuSeconds: number;
  auc: number;
  scoreRowsPerSecond: number;
  scoreRowsPerCpuSecond: number;
  explainRowsPerSecond: number;
  explainRowsPerCpuSecond: number;
  peakMemoryMB: number;
}

const python = '/usr/bin/python3';
const args = process.argv.slice(2);
const isJson = args.includes('--json');
const rowsIndex = args.indexOf('--rows');
const rowCount = rowsIndex >= 0 ? Number(args[rowsIndex + 1]) : 1_000_000;
const testRows = Math.round(rowCount / 5);
const trainRows = rowCount - testRows;
const explainRows = Math.min(20_000, testRows);
const treeCount = 200;

const probe = spawnSync(python, ['-c', 'import xgboost, sklearn'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error('XGBoost is missing. Install it with:');
  console.error('  apt-get update && apt-get install -y python3-xgboost python3-sklearn');
  process.exit(2);
}

const folder = mkdtempSync(join(tmpdir(), 'absencelab-bench-'));
try {
  const log = (line: string): void => {
    if (!isJson) console.log(line);
  };
  log(`Generating ${rowCount} rows x ${featureCount} features (seed 2026) ...`);
  const table = generateTable(rowCount, 2026);
  const write = (name: string, data: Float32Array): void =>
    writeFileSync(
      join(folder, name),
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    );
  const split = trainRows * featureCount;
  write('train.rows.f32', table.rowMajor.subarray(0, split));
  write('test.rows.f32', table.rowMajor.subarray(split));
  write('train.cols.f32', columnsOf(table.columnMajor, rowCount, 0, trainRows));
  write('test.cols.f32', columnsOf(table.columnMajor, rowCount, trainRows, rowCount));
  write('train.y.f32', table.labels.subarray(0, trainRows));
  write('test.y.f32', table.labels.subarray(trainRows));

  const sizes = [String(trainRows), String(testRows), String(explainRows), String(treeCount)];
  log('Training ours (2 threads) ...');
  const ours = runJson(process.execPath, [
    '--import',
    'tsx',
    new URL('./engineChild.ts', import.meta.url).pathname,
    folder,
    ...sizes,
  ]);
  log('Training XGBoost (hist, 2 threads) ...');
  const xgboost = runJson(python, [
    new URL('./engineXgboost.py', import.meta.url).pathname,
    folder,
    ...sizes,
  ]);

  const result = {
    trainTimeRatio: ours.trainSeconds / xgboost.trainSeconds,
    trainCpuRatio: ours.trainCpuSeconds / xgboost.trainCpuSeconds,
    scoreCpuSpeedRatio: ours.scoreRowsPerCpuSecond / xgboost.scoreRowsPerCpuSecond,
    explainCpuSpeedRatio: ours.explainRowsPerCpuSecond / xgboost.explainRowsPerCpuSecond,
    aucDelta: ours.auc - xgboost.auc,
    scoreSpeedRatio: ours.scoreRowsPerSecond / xgboost.scoreRowsPerSecond,
    explainSpeedRatio: ours.explainRowsPerSecond / xgboost.explainRowsPerSecond,
    peakMemoryRatio: ours.peakMemoryMB / xgboost.peakMemoryMB,
    directions: {
      trainTimeRatio: 'ours / xgboost seconds; below 1 is better; target <= 1.5',
      trainCpuRatio: 'ours / xgboost CPU seconds (all threads); for information',
      scoreCpuSpeedRatio: 'ours / xgboost rows per CPU second; for information',
      explainCpuSpeedRatio: 'ours / xgboost TreeSHAP rows per CPU second; for information',
      aucDelta: 'ours - xgboost test AUC; target >= -0.002',
      scoreSpeedRatio: 'ours / xgboost rows per second; above 1 is better; target >= 1',
      explainSpeedRatio: 'ours / xgboost TreeSHAP rows per second; target >= 5',
      peakMemoryRatio: 'ours / xgboost peak RSS; below 1 is better; target <= 1.5',
    },
    setup: { rowCount, trainRows, testRows, explainRows, featureCount, treeCount, maxDepth: 6 },
    ours,
    xgboost,
  };
  if (isJson) console.log(JSON.stringify(result));
  else printTable(result, ours, xgboost);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

function columnsOf(all: Float32Array, rowCount: number, from: number, to: number): Float32Array {
  const out = new Float32Array((to - from) * featureCount);
  for (let f = 0; f < featureCount; f++) {
    out.set(all.subarray(f * rowCount + from, f * rowCount + to), f * (to - from));
  }
  return out;
}

function runJson(command: string, commandArgs: string[]): SideFigures {
  const run = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) {
    console.error(run.stderr);
    throw new Error(`${command} failed with status ${run.status}`);
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as SideFigures;
}

function printTable(
  result: {
    trainTimeRatio: number;
    aucDelta: number;
    scoreSpeedRatio: number;
    explainSpeedRatio: number;
    peakMemoryRatio: number;
    trainCpuRatio: number;
    scoreCpuSpeedRatio: number;
    explainCpuSpeedRatio: number;
  },
  ours: SideFigures,
  xgboost: SideFigures,
): void {
  const rows: [string, string, string, string, string][] = [
    [
      'training time (s)',
      fmt(ours.trainSeconds),
      fmt(xgboost.trainSeconds),
      `ratio ${fmt(result.trainTimeRatio)} (lower better)`,
      check(result.trainTimeRatio <= 1.5, '<= 1.5'),
    ],
    [
      'training CPU (s)',
      fmt(ours.trainCpuSeconds),
      fmt(xgboost.trainCpuSeconds),
      `ratio ${fmt(result.trainCpuRatio)} (lower better)`,
      'for information',
    ],
    [
      'test AUC',
      ours.auc.toFixed(4),
      xgboost.auc.toFixed(4),
      `delta ${result.aucDelta.toFixed(4)}`,
      check(result.aucDelta >= -0.002, '>= -0.002'),
    ],
    [
      'scoring (rows/s)',
      fmt(ours.scoreRowsPerSecond),
      fmt(xgboost.scoreRowsPerSecond),
      `ratio ${fmt(result.scoreSpeedRatio)} (higher better)`,
      check(result.scoreSpeedRatio >= 1, '>= 1'),
    ],
    [
      'scoring (rows/CPU s)',
      fmt(ours.scoreRowsPerCpuSecond),
      fmt(xgboost.scoreRowsPerCpuSecond),
      `ratio ${fmt(result.scoreCpuSpeedRatio)} (higher better)`,
      'for information',
    ],
    [
      'TreeSHAP (rows/s)',
      fmt(ours.explainRowsPerSecond),
      fmt(xgboost.explainRowsPerSecond),
      `ratio ${fmt(result.explainSpeedRatio)} (higher better)`,
      check(result.explainSpeedRatio >= 5, '>= 5'),
    ],
    [
      'TreeSHAP (rows/CPU s)',
      fmt(ours.explainRowsPerCpuSecond),
      fmt(xgboost.explainRowsPerCpuSecond),
      `ratio ${fmt(result.explainCpuSpeedRatio)} (higher better)`,
      'for information',
    ],
    [
      'peak memory (MB)',
      fmt(ours.peakMemoryMB),
      fmt(xgboost.peakMemoryMB),
      `ratio ${fmt(result.peakMemoryRatio)} (lower better)`,
      check(result.peakMemoryRatio <= 1.5, '<= 1.5'),
    ],
  ];
  console.log('');
  console.log(
    ['measure', 'ours', 'xgboost', 'comparison', 'target']
      .map((h, k) => h.padEnd(k === 0 ? 24 : k === 3 ? 32 : 18))
      .join(''),
  );
  for (const row of rows)
    console.log(row.map((cell, k) => cell.padEnd(k === 0 ? 24 : k === 3 ? 32 : 18)).join(''));
  console.log(
    'Ratios are ours / xgboost: time and memory lower is better, speeds higher is better.',
  );
  console.log('Wall times depend on other load on the machine; CPU seconds much less so.');
}

function fmt(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(3);
}

function check(isMet: boolean, target: string): string {
  return `${isMet ? 'met' : 'MISSED'} (${target})`;
}
