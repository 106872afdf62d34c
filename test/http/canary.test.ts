import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { openSync, readdirSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';

/**
 * COMPLIANCE.md promise 1: the service keeps nothing of the cases it scores. The real `serve`
 * runs in its own process with its own data, model and temp folders and its log captured; cases
 * carry a unique sentinel in every field; afterwards no file it wrote holds any sentinel.
 */
const textSentinels = {
  caseId: 'CANARYcase7Q9Z',
  employeeId: 'CANARYemp7Q9Z',
  episodeId: 'CANARYepi7Q9Z',
  historyEpisodeId: 'CANARYhist7Q9Z',
  team: 'CANARYteam7Q9Z',
  sector: 'CANARYsector7Q9Z',
  diagnosisCode: 'CANARYdx7Q9Z',
  linkedToEpisodeId: 'CANARYlink7Q9Z',
  name: 'CANARYname Jansen',
  bsn: '987654329',
  employmentStartDate: '1903-04-05',
  startDate: '1911-11-11',
  endDate: '1911-12-13',
  historyStartDate: '1909-09-19',
};
const numberSentinels = {
  ageYears: 87.654321,
  tenureYears: 23.456789,
  contractHoursPerWeek: 31.987654,
  durationHours: 987654.321,
  expectedDurationDays: 876543.21,
  distanceKm: 765432.198,
  transportExpense: 654321.987,
  bmi: 54.321987,
  weightKg: 123.456789,
  workloadPerDay: 432198.765,
  hitTargetPct: 97.531864,
};

const sentinelCase = {
  caseId: textSentinels.caseId,
  employee: {
    employeeId: textSentinels.employeeId,
    name: textSentinels.name,
    bsn: textSentinels.bsn,
    ageYears: numberSentinels.ageYears,
    tenureYears: numberSentinels.tenureYears,
    contractHoursPerWeek: numberSentinels.contractHoursPerWeek,
    employmentStartDate: textSentinels.employmentStartDate,
    team: textSentinels.team,
    sector: textSentinels.sector,
    attributes: {
      distanceKm: numberSentinels.distanceKm,
      transportExpense: numberSentinels.transportExpense,
      bmi: numberSentinels.bmi,
      weightKg: numberSentinels.weightKg,
    },
  },
  episode: {
    episodeId: textSentinels.episodeId,
    employeeId: textSentinels.employeeId,
    startDate: textSentinels.startDate,
    startMonth: textSentinels.startDate.slice(0, 7),
    endDate: textSentinels.endDate,
    expectedDurationDays: numberSentinels.expectedDurationDays,
    linkedToEpisodeId: textSentinels.linkedToEpisodeId,
    medical: { diagnosisCode: textSentinels.diagnosisCode },
    attributes: {
      workloadPerDay: numberSentinels.workloadPerDay,
      hitTargetPct: numberSentinels.hitTargetPct,
    },
  },
  history: [
    {
      episodeId: textSentinels.historyEpisodeId,
      employeeId: textSentinels.employeeId,
      startDate: textSentinels.historyStartDate,
      startMonth: textSentinels.historyStartDate.slice(0, 7),
      durationHours: numberSentinels.durationHours,
      medical: { diagnosisCode: textSentinels.diagnosisCode },
    },
  ],
};

/** Every way a sentinel could sit in a file: as text, and numbers also as a binary double. */
const needles: { label: string; bytes: Buffer }[] = [
  ...Object.entries(textSentinels).map(([label, text]) => ({ label, bytes: Buffer.from(text) })),
  ...Object.entries(numberSentinels).flatMap(([label, value]) => {
    const double = Buffer.alloc(8);
    double.writeDoubleLE(value);
    return [
      { label, bytes: Buffer.from(String(value)) },
      { label: `${label} (float64)`, bytes: double },
    ];
  }),
];

const root = temporaryDirectory('canary');
after(() => rmSync(root, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((path) => statSync(path).isFile());
}

function hitsIn(dir: string): string[] {
  const hits: string[] = [];
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file);
    for (const needle of needles) {
      if (content.includes(needle.bytes)) hits.push(`${needle.label} in ${file.slice(dir.length)}`);
    }
  }
  return hits;
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

test('serve writes no sentinel of a scored case to its database, WAL, log or temp files', async () => {
  for (const dir of ['data', 'models', 'tmp']) mkdirSync(join(root, dir));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(projectRoot, 'bin/absencelab.mjs'),
      'serve',
      '--bundled',
      '--port',
      String(port),
      '--data-dir',
      join(root, 'data'),
      '--model-dir',
      join(root, 'models'),
    ],
    {
      cwd: root,
      env: { ...process.env, TMPDIR: join(root, 'tmp'), SQLITE_TMPDIR: join(root, 'tmp') },
      stdio: [
        'ignore',
        openSync(join(root, 'stdout.log'), 'w'),
        openSync(join(root, 'stderr.log'), 'w'),
      ],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 40_000;
    for (;;) {
      const health = await fetch(`${base}/health`).catch(() => undefined);
      if (health?.ok === true) break;
      assert.ok(Date.now() < deadline, 'serve did not answer within 40 s');
      assert.equal(child.exitCode, null, readFileSync(join(root, 'stderr.log'), 'utf8'));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const demo = JSON.parse(readFileSync(join(root, 'data', 'demo-tokens.json'), 'utf8')) as {
      tokens: Record<string, string>;
    };
    const post = (path: string, role: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${demo.tokens[role] ?? ''}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });

    const employer = await post('/v1/absence/predictions', 'case-manager', {
      purpose: 'absence-guidance',
      context: 'employer',
      cases: [sentinelCase, { ...sentinelCase, caseId: `${textSentinels.caseId}2` }],
    });
    assert.equal(employer.status, 200);
    const employerText = await employer.text();
    // The sentinels did reach the service: the answer names the case it was asked about.
    assert.ok(employerText.includes(textSentinels.caseId));
    const { predictions } = JSON.parse(employerText) as { predictions: { eventId: string }[] };

    const physician = await post('/v1/absence/predictions', 'occupational-physician', {
      purpose: 'occupational-health-assessment',
      context: 'occupational-physician',
      cases: [sentinelCase],
    });
    assert.equal(physician.status, 200);
    assert.ok((await physician.text()).includes(textSentinels.caseId));

    const invalid = await post('/v1/absence/predictions', 'case-manager', {
      purpose: 'absence-guidance',
      context: 'employer',
      cases: [
        { ...sentinelCase, employee: { ...sentinelCase.employee, ageYears: 'CANARYname Jansen' } },
      ],
    });
    assert.equal(invalid.status, 400);
    const unauthenticated = await post('/v1/absence/predictions', 'nobody', {
      context: 'employer',
      cases: [sentinelCase],
    });
    assert.equal(unauthenticated.status, 401);
    const decision = await post('/v1/decisions', 'case-manager', {
      purpose: 'absence-guidance',
      predictionEventId: predictions[0]?.eventId,
      outcome: 'followed',
      reason: 'Agreed with the indication after the consultation.',
    });
    assert.equal(decision.status, 201);

    // While running, the WAL and shared-memory files hold the latest writes.
    const walFiles = filesUnder(join(root, 'data')).filter((f) => /-wal$|-shm$/.test(f));
    assert.ok(walFiles.length > 0, 'the SQLite WAL is there to be searched');
    assert.deepEqual(hitsIn(root), []);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }

  assert.deepEqual(hitsIn(root), []);
  // The search does read the database: it finds what the service did store.
  const database = readFileSync(join(root, 'data', 'absencelab.sqlite'));
  assert.ok(database.includes(Buffer.from('absence-guidance')));
  const log = readFileSync(join(root, 'stdout.log'), 'utf8');
  assert.match(log, /"event":"predictions"/);
});
