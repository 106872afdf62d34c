/**
 * Benchmark of `absencelab pseudonymise`: a 1,000,000-row identifiable episode CSV (about 333,000
 * employees with three episodes each, made-up values) made in a temporary folder, then run through
 * the real CLI in a child process. Target: at least 300,000 rows/s end to end; peak RSS reported.
 * Set BENCH_PSEUDONYMISE_ROWS to change the size.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../src/core/random.ts';
import { createKeyFileText, writeKeyFile } from '../src/privacy/keyFile.ts';

const rowCount = Number(process.env['BENCH_PSEUDONYMISE_ROWS'] ?? 1_000_000);
/** Extra V8 flags for the child, such as --max-semi-space-size=64 (fewer young-generation GCs). */
const nodeFlags = (process.env['BENCH_PSEUDONYMISE_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
const episodesPerEmployee = 3;
const targetRowsPerSecond = 300_000;

const root = new URL('..', import.meta.url).pathname;
// CPU time of the child as well as wall time: on a shared machine the wall time says more about
// the neighbours than about the code.
const cpuProbe =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();' +
  'process.stderr.write(`\\ncpuUs=${u.user+u.system}\\n`)})';
const work = await mkdtemp(join(tmpdir(), 'absencelab-bench-pseudonymise-'));
const inPath = join(work, 'episodes.csv');
const keyPath = join(work, 'key.json');
const policyPath = join(work, 'policy.json');

const policy = {
  columns: {
    employee_id: { action: 'pseudonymise' },
    episode_id: { action: 'drop' },
    name: { action: 'drop' },
    bsn: { action: 'drop' },
    birth_date: { action: 'generalise', rule: { rule: 'age-band', widthYears: 5 } },
    address: { action: 'generalise', rule: { rule: 'region', level: 'pc2' } },
    sex: { action: 'keep' },
    team: { action: 'keep' },
    start_date: { action: 'generalise', rule: { rule: 'relative-weeks' } },
    duration_days: { action: 'generalise', rule: { rule: 'top-code', quantile: 0.99 } },
    diagnosis: { action: 'generalise', rule: { rule: 'rare-category', minCount: 100 } },
  },
  quasiIdentifiers: ['birth_date', 'address', 'sex'],
  k: 5,
  subjectColumn: 'employee_id',
  referenceDate: '2026-01-01',
};

async function writeInput(): Promise<void> {
  const random = createRandom(1);
  const stream = createWriteStream(inPath);
  const names = ['Jan de Vries', 'Anna Jansen', 'Kees Bakker', 'Iris Visser', 'Bram Smit'];
  const diagnoses = ['respiratory', 'musculoskeletal', 'mental', 'other', 'cardiovascular'];
  let chunk = `${Object.keys(policy.columns).join(',')}\n`;
  let birth = '';
  let address = '';
  let sex = '';
  for (let i = 0; i < rowCount; i++) {
    const employee = Math.floor(i / episodesPerEmployee);
    if (i % episodesPerEmployee === 0) {
      birth = `${1960 + random.int(45)}-0${1 + random.int(9)}-1${random.int(9)}`;
      address = `${1000 + random.int(8999)} AB ${1 + random.int(200)}`;
      sex = random.next() < 0.5 ? 'female' : 'male';
    }
    const start = `202${3 + random.int(3)}-0${1 + random.int(9)}-2${random.int(8)}`;
    chunk +=
      `E${employee},E${employee}-${i % episodesPerEmployee},${names[employee % 5]},` +
      `${900_000_000 + employee},${birth},${address},${sex},T${employee % 997},${start},` +
      `${1 + Math.floor(random.next() ** 4 * 400)},${diagnoses[random.int(5)]}\n`;
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await once(stream, 'finish');
}

try {
  await writeInput();
  await writeKeyFile(keyPath, createKeyFileText());
  await writeFile(policyPath, JSON.stringify(policy));
  const reportPath = join(work, 'report.json');
  const args = [
    ...nodeFlags,
    '--import',
    join(root, 'bench/maxRssProbe.mjs'),
    '--import',
    cpuProbe,
    join(root, 'bin/absencelab.mjs'),
    'pseudonymise',
    '--in',
    inPath,
    '--policy',
    policyPath,
    '--key-file',
    keyPath,
    '--domain',
    'bench',
    '--out',
    join(work, 'extract.csv'),
    '--report',
    reportPath,
  ];

  const startedMs = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - startedMs;
  if (exitCode !== 0) {
    console.error(stderr);
    throw new Error(`pseudonymise exited with ${String(exitCode)}`);
  }

  const report = JSON.parse(await readFile(reportPath, 'utf8')) as {
    output: { rows: number };
    kAnonymity: { kAchieved: number; rowsSuppressed: number };
    pseudonyms: { computed: number; cached: number };
  };
  const rssMb = Number(/maxRssKb=(\d+)/.exec(stderr)?.[1]) / 1024;
  const rowsPerSecond = rowCount / (wallMs / 1000);
  const cpuMs = Number(/cpuUs=(\d+)/.exec(stderr)?.[1]) / 1000;
  console.log(
    `pseudonymise ${rowCount} rows (CSV in, CSV out, two passes, k = 5 on 3 columns, ` +
      `${availableParallelism()} cores)`,
  );
  console.log(`  wall time  ${(wallMs / 1000).toFixed(1)} s, including process start`);
  console.log(
    `  throughput ${Math.round(rowsPerSecond)} rows/s (target >= ${targetRowsPerSecond})`,
  );
  console.log(
    `  CPU time   ${(cpuMs / 1000).toFixed(1)} s (${Math.round(rowCount / (cpuMs / 1000))} rows per CPU-second)`,
  );
  console.log(`  peak RSS   ${rssMb.toFixed(0)} MB`);
  if (nodeFlags.length > 0) console.log(`  node flags ${nodeFlags.join(' ')}`);
  console.log(
    `  ${report.output.rows} rows written, ${report.kAnonymity.rowsSuppressed} suppressed, ` +
      `k achieved ${report.kAnonymity.kAchieved}; MACs computed ${report.pseudonyms.computed}, ` +
      `from cache ${report.pseudonyms.cached}`,
  );
  const isWithin = rowsPerSecond >= targetRowsPerSecond;
  console.log(isWithin ? '  within target' : '  BELOW target');
  process.exitCode = isWithin ? 0 : 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
