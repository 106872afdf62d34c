/**
 * Benchmark of `absencelab synth`: a million employees over three years, run through the real CLI
 * in a child process. Targets: at most 60 s wall time and 2 GB peak resident memory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const employees = Number(process.env['BENCH_SYNTH_EMPLOYEES'] ?? 1_000_000);
const targetWallMs = 60_000;
const targetRssMb = 2048;

const root = new URL('..', import.meta.url).pathname;
const outDir = await mkdtemp(join(tmpdir(), 'absencelab-bench-synth-'));
const args = [
  '--import',
  join(root, 'bench/maxRssProbe.mjs'),
  join(root, 'bin/absencelab.mjs'),
  'synth',
  '--employees',
  String(employees),
  '--years',
  '3',
  '--seed',
  '1',
  '--out',
  outDir,
];

const startedMs = performance.now();
const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
const wallMs = performance.now() - startedMs;

try {
  if (exitCode !== 0) {
    console.error(stderr);
    throw new Error(`synth exited with ${String(exitCode)}`);
  }
  const rssKb = Number(/maxRssKb=(\d+)/.exec(stderr)?.[1]);
  const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as {
    counts: { employees: number; episodes: number };
  };
  const rssMb = rssKb / 1024;
  console.log(
    `synth ${manifest.counts.employees} employees x 3 years: ${manifest.counts.episodes} episodes`,
  );
  console.log(`  wall time ${(wallMs / 1000).toFixed(1)} s (target <= ${targetWallMs / 1000} s)`);
  console.log(`  peak RSS  ${rssMb.toFixed(0)} MB (target <= ${targetRssMb} MB)`);
  const isWithin = wallMs <= targetWallMs && rssMb <= targetRssMb;
  console.log(isWithin ? '  within targets' : '  OUTSIDE targets');
  process.exitCode = isWithin ? 0 : 1;
} finally {
  await rm(outDir, { recursive: true, force: true });
}
