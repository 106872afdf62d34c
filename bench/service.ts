/**
 * Benchmark of the service: the real `absencelab serve` on SQLite in a child process, on a
 * loopback port, driven by autocannon with single-case predictions (authentication, purpose
 * check, field filter, scoring with explanation, one event log entry each). Targets: at least
 * 1,000 predictions/s and a p99 latency under 20 ms on a 2-core machine.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { loadUciProblem } from '../src/absence/uciPipeline.ts';
import { bundledUciFile } from '../src/cli/bundledData.ts';

const durationS = Number(process.env['BENCH_SERVICE_SECONDS'] ?? 15);
const connections = Number(process.env['BENCH_SERVICE_CONNECTIONS'] ?? 16);
const targetRps = 1000;
const targetP99Ms = 20;

const root = new URL('..', import.meta.url).pathname;
const dataDir = await mkdtemp(join(tmpdir(), 'absencelab-bench-service-'));
const port = await freePort();
const child = spawn(
  process.execPath,
  [
    join(root, 'bin/absencelab.mjs'),
    'serve',
    '--bundled',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
  ],
  // The service's request log goes nowhere: the benchmark measures the service, not a terminal.
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

try {
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  const demo = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')) as {
    tokens: Record<string, string>;
  };
  const problem = await loadUciProblem(bundledUciFile);
  const sample = problem.cases[100]!;
  const body = JSON.stringify({
    purpose: 'absence-guidance',
    context: 'employer',
    cases: [
      {
        caseId: sample.caseId,
        employee: sample.employee,
        episode: sample.episode,
        history: sample.history,
      },
    ],
  });
  const request = {
    url: `${base}/v1/absence/predictions`,
    method: 'POST' as const,
    headers: {
      authorization: `Bearer ${demo.tokens['case-manager'] ?? ''}`,
      'content-type': 'application/json',
    },
    body,
  };

  // Warm up the JIT and SQLite's page cache, then measure.
  await autocannon({ ...request, connections, duration: 3 });
  const cpuBeforeMs = cpuTimeMs(child.pid);
  const result = await autocannon({ ...request, connections, duration: durationS });
  const serviceCpuMs = cpuTimeMs(child.pid) - cpuBeforeMs;

  const ok = result['2xx'];
  const rps = result.requests.average;
  const p50 = result.latency.p50;
  const p99 = result.latency.p99;
  console.log(`service: ${connections} connections, ${durationS} s, one case per request, SQLite`);
  console.log(`  requests/s (mean)    ${rps.toFixed(0)}  (target >= ${targetRps})`);
  console.log(`  latency p50 / p99    ${p50} ms / ${p99} ms  (target p99 < ${targetP99Ms} ms)`);
  console.log(
    `  2xx ${ok}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
  );
  // CPU time per request tells the service's own cost even when other work shares the machine.
  const cpuPerRequestMs = serviceCpuMs / Math.max(1, ok);
  console.log(
    `  service CPU/request  ${cpuPerRequestMs.toFixed(3)} ms  (one core's ceiling: ${(1000 / cpuPerRequestMs).toFixed(0)} requests/s)`,
  );
  console.log(
    `  load average         ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );

  child.kill('SIGTERM');
  await exited;
  const db = new SQLite(join(dataDir, 'absencelab.sqlite'), { readonly: true });
  const logged = db
    .prepare("SELECT count(*) AS n FROM event_log WHERE kind = 'prediction'")
    .get() as {
    n: number;
  };
  db.close();
  console.log(`  event log entries    ${logged.n} (one per answered prediction, warm-up included)`);
  const isMet = rps >= targetRps && p99 < targetP99Ms && result.non2xx === 0;
  console.log(isMet ? 'targets met' : 'targets NOT met');
  process.exitCode = isMet ? 0 : 1;
} finally {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${base}/health`).catch(() => undefined);
    if (response?.ok === true) return;
    if (Date.now() > deadline) throw new Error('the service did not start within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

/** User plus system CPU time of a process, from /proc (Linux), in milliseconds. */
function cpuTimeMs(pid: number | undefined): number {
  const fields =
    readFileSync(`/proc/${pid ?? 0}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
