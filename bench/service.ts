/**
 * Benchmark of the service: the real `absencelab serve` on SQLite in a child process, on a
 * loopback port, driven by autocannon in this process with single-case predictions as a client
 * sends them: a demo tenant's real bearer token, the purpose in the X-Purpose header, one case
 * of the bundled data with its full history (about 11 kB, including fields the purpose drops).
 * The service does all its production work per request: authentication, purpose check, field
 * filter, scoring with explanation, one hash-chained event log entry in SQLite before answering,
 * and its JSON request log, written to a file as `absencelab serve >> service.log` would.
 * Targets: at least 1,000 predictions/s and a p99 latency under 20 ms on a 2-core machine. Two
 * runs measure them: at full load (autocannon: as many requests as 16 connections can get
 * answered: the throughput; latency there only shows the queue) and at the target rate of 1,000
 * requests/s, evenly spaced and timed from when each was due (bench/pacedLoad.ts: the latency a
 * client sees at that load).
 *
 * BENCH_SERVICE_SECONDS (15), BENCH_SERVICE_CONNECTIONS (16); BENCH_SERVICE_CPU_PROF=DIR writes
 * the service's V8 CPU profile into DIR.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { pacedLoad, type PacedResult } from './pacedLoad.ts';
import SQLite from 'better-sqlite3';
import { loadUciProblem } from '../src/absence/uciPipeline.ts';
import { bundledUciFile } from '../src/cli/bundledData.ts';
import { verifyEventLog } from '../src/service/verifyEventLog.ts';
import { openStore } from '../src/storage/openStore.ts';

const durationS = Number(process.env['BENCH_SERVICE_SECONDS'] ?? 15);
const connections = Number(process.env['BENCH_SERVICE_CONNECTIONS'] ?? 16);
const targetRateSockets = 64;
const cpuProfileDir = process.env['BENCH_SERVICE_CPU_PROF'];
const targetRps = 1000;
const targetP99Ms = 20;

const root = new URL('..', import.meta.url).pathname;
const workDir = await mkdtemp(join(tmpdir(), 'absencelab-bench-service-'));
const dataDir = join(workDir, 'data');
const modelDir = join(workDir, 'models');
await mkdir(modelDir);
const logFile = join(workDir, 'service.log');
const port = await freePort();
const child = spawn(
  process.execPath,
  [
    ...(cpuProfileDir === undefined
      ? []
      : ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfileDir)}`]),
    join(root, 'bin/absencelab.mjs'),
    'serve',
    '--bundled',
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--model-dir',
    modelDir,
  ],
  // The request log goes to a file, as in production; a terminal would measure the terminal.
  { stdio: ['ignore', openSync(logFile, 'w'), 'inherit'] },
);
const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

try {
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  const demo = JSON.parse(await readFile(join(dataDir, 'demo-tokens.json'), 'utf8')) as {
    tokens: Record<string, string>;
  };
  const problem = await loadUciProblem(bundledUciFile);
  // A case with 42 earlier reports: near the median history length (40) of the bundled data.
  const sample = problem.cases[100]!;
  const body = JSON.stringify({
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
      'x-purpose': 'absence-guidance',
      'content-type': 'application/json',
    },
    body,
  };

  // One request checked by hand: the benchmark measures real answers, not refusals.
  const probe = await fetch(request.url, { method: 'POST', headers: request.headers, body });
  const probeBody = (await probe.json()) as { predictions?: unknown[]; droppedFields?: string[] };
  if (probe.status !== 200 || probeBody.predictions?.length !== 1) {
    throw new Error(`the service answered ${probe.status} to the benchmark request`);
  }

  // Warm up the JIT and SQLite's page cache, then measure.
  const warmUp = await autocannon({ ...request, connections, duration: 3 });
  const loadBefore = loadavg()[0]!;
  const cpuBeforeMs = cpuTimeMs(child.pid);
  const clientCpuBefore = process.cpuUsage();
  const full = await autocannon({ ...request, connections, duration: durationS });
  const serviceCpuMs = cpuTimeMs(child.pid) - cpuBeforeMs;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const atRate = await pacedLoad(request, {
    rate: targetRps,
    durationS,
    maxSockets: targetRateSockets,
  });

  console.log(
    `service: ${durationS} s per run, one case per request (${body.length} B body, ${probeBody.droppedFields?.length ?? 0} fields dropped), SQLite`,
  );
  const report = (label: string, result: autocannon.Result) => {
    console.log(`  ${label}`);
    console.log(`    requests/s (mean)  ${result.requests.average.toFixed(0)}`);
    console.log(`    latency p50 / p99  ${result.latency.p50} ms / ${result.latency.p99} ms`);
    console.log(
      `    2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
  };
  report(`full load, ${connections} connections (target >= ${targetRps} requests/s)`, full);
  const reportPaced = (label: string, result: PacedResult) => {
    const { p50, p90, p99, max } = result.latencyMs;
    console.log(`  ${label}`);
    console.log(`    requests/s (mean)  ${result.requestsPerSecond.toFixed(0)}`);
    console.log(
      `    latency p50 / p90 / p99 / max  ${p50.toFixed(1)} / ${p90.toFixed(1)} / ${p99.toFixed(1)} / ${max.toFixed(1)} ms`,
    );
    console.log(
      `    2xx ${result.ok}, non-2xx ${result.non2xx}, errors ${result.errors}, unanswered ${result.unanswered}`,
    );
  };
  reportPaced(
    `at ${targetRps} requests/s, evenly spaced, open loop (target p99 < ${targetP99Ms} ms)`,
    atRate,
  );
  // CPU time per request tells the service's own cost even when other work shares the machine.
  const cpuPerRequestMs = serviceCpuMs / Math.max(1, full['2xx']);
  console.log(
    `  service CPU/request  ${cpuPerRequestMs.toFixed(3)} ms at full load (one core's ceiling: ${(1000 / cpuPerRequestMs).toFixed(0)} requests/s)`,
  );
  console.log(
    `  client CPU/request   ${((clientCpu.user + clientCpu.system) / 1000 / Math.max(1, full['2xx'])).toFixed(3)} ms at full load (autocannon, in this process)`,
  );
  console.log(
    `  load average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores`,
  );

  child.kill('SIGTERM');
  await exited;

  // Every answered prediction has its entry, and the chain written in batches still verifies.
  // autocannon counts only answers within a run's time: up to one request per connection and
  // run is answered, and logged, after it; the paced run waits for its answers.
  const answered = 1 + warmUp['2xx'] + full['2xx'] + atRate.ok;
  const unseen = 2 * connections + atRate.unanswered;
  const db = new SQLite(join(dataDir, 'absencelab.sqlite'), { readonly: true });
  const logged = db
    .prepare("SELECT count(*) AS n FROM event_log WHERE kind = 'prediction'")
    .get() as { n: number };
  db.close();
  const store = await openStore({ dataDir });
  const tenant = (await store.listTenants())[0]!;
  const verified = await verifyEventLog(store, tenant.id);
  await store.close();
  const logLines = readFileSync(logFile, 'utf8').split('\n');
  const requestLines = logLines.filter((line) => line.includes('"event":"request"')).length;
  console.log(
    `  event log            ${logged.n} entries for ${answered} answered predictions (+ up to ${unseen} answered after a run's end); chain ${verified.isIntact ? 'intact' : 'BROKEN'} (${verified.checkedEntries} checked)`,
  );
  console.log(
    `  request log          ${requestLines} request lines in ${logFile.slice(workDir.length + 1)}`,
  );

  const isComplete = logged.n >= answered && logged.n <= answered + unseen && verified.isIntact;
  const isMet =
    full.requests.average >= targetRps &&
    atRate.requestsPerSecond >= targetRps * 0.98 &&
    atRate.latencyMs.p99 < targetP99Ms &&
    full.non2xx + atRate.non2xx + full.errors + atRate.errors + atRate.unanswered === 0 &&
    isComplete;
  console.log(isMet ? 'targets met' : 'targets NOT met');
  process.exitCode = isMet ? 0 : 1;
} finally {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  await rm(workDir, { recursive: true, force: true });
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${base}/health`).catch(() => undefined);
    if (response?.ok === true) return;
    if (child.exitCode !== null) throw new Error('the service exited before answering');
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
