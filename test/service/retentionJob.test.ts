import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { after, test } from 'node:test';
import { purgeEventLog } from '../../src/service/purgeEventLog.ts';
import { startRetentionJob, type RetentionRun } from '../../src/service/retentionJob.ts';
import { subjectOf } from '../../src/service/subjectKey.ts';
import { verifyEventLog } from '../../src/service/verifyEventLog.ts';
import { openStore, sqliteFileName } from '../../src/storage/openStore.ts';
import { temporaryDirectory } from '../support/paths.ts';
import { problem, requestCase, startTestService } from './serviceFixture.ts';

const dataDir = temporaryDirectory('retention');
const store = await openStore({ dataDir });
const service = await startTestService(store);
after(async () => {
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function predictOn(day: string, caseIndexes: number[]): Promise<void> {
  service.clock.now = new Date(day);
  const response = await service.app.inject({
    method: 'POST',
    url: '/v1/absence/predictions',
    headers: {
      authorization: `Bearer ${service.tenants.a.tokens['case-manager']}`,
      'x-purpose': 'absence-guidance',
    },
    payload: { context: 'employer', cases: caseIndexes.map(requestCase) },
  });
  assert.equal(response.statusCode, 200, response.body);
}

test('startRetentionJob purges every tenant’s entries older than the retention and keeps the chain verifiable', async () => {
  await predictOn('2025-01-10T09:00:00Z', [10, 11, 12]);
  const subjectOfCase10 = await subjectOf(
    store,
    service.tenants.a.id,
    problem.cases[10]!.employee.employeeId,
  );
  assert.ok((await store.readSubjectPredictions(service.tenants.a.id, subjectOfCase10)).length > 0);
  // A closed contest on an old prediction, an open one, and an old withdrawn objection.
  const tenantA = service.tenants.a.id;
  const [oldPrediction] = await store.readSubjectPredictions(tenantA, subjectOfCase10);
  const contest = {
    tenantId: tenantA,
    subjectPseudonym: subjectOfCase10,
    predictionEventId: oldPrediction!.event.eventId,
    context: 'employer' as const,
    reason: 'r',
    openedAt: '2025-01-11T09:00:00.000Z',
    dueAt: '2025-02-11T09:00:00.000Z',
    openedBy: 'u',
    closedAt: null,
    outcome: null,
    reviewNote: null,
    closedBy: null,
  };
  await store.openContest({ ...contest, id: 'contest-closed' });
  await store.openContest({ ...contest, id: 'contest-open' });
  await store.closeContest(tenantA, 'contest-closed', {
    closedAt: '2025-02-01T09:00:00.000Z',
    outcome: 'upheld',
    reviewNote: 'n',
    closedBy: 'v',
  });
  await store.recordObjection({
    id: 'objection-old',
    tenantId: tenantA,
    subjectPseudonym: subjectOfCase10,
    recordedAt: '2025-01-12T09:00:00.000Z',
    userId: 'u',
  });
  await store.withdrawObjection(tenantA, subjectOfCase10, {
    withdrawnAt: '2025-01-13T09:00:00.000Z',
    userId: 'u',
  });
  await predictOn('2026-05-01T09:00:00Z', [13]);
  const runs: RetentionRun[] = [];
  const job = startRetentionJob({
    store,
    retentionMonths: 12,
    intervalMs: 60_000,
    now: () => new Date('2026-06-15T00:00:00Z'),
    onRun: (run) => runs.push(run),
  });
  await job.runOnce();
  job.stop();

  const purged = runs.filter((r) => r.kind === 'purged');
  assert.deepEqual(
    purged.map((r) => r.tenantId).sort(),
    [service.tenants.a.id, service.tenants.b.id].sort(),
  );
  const ofA = purged.find((r) => r.tenantId === service.tenants.a.id)!;
  assert.equal(ofA.result.purgedEvents, 3);
  assert.equal(ofA.result.purgedContests, 1);
  assert.equal(ofA.result.purgedWithdrawals, 1);
  assert.deepEqual(
    (await store.listContests(tenantA)).map((c) => c.id),
    ['contest-open'],
  );
  assert.deepEqual(await store.listObjectionWithdrawals(tenantA, subjectOfCase10), []);
  assert.equal(ofA.result.cutoff, '2025-06-15T00:00:00.000Z');
  const verified = await verifyEventLog(store, service.tenants.a.id);
  assert.equal(verified.isIntact, true, verified.broken?.description);
  assert.equal(verified.checkedEntries, 1);
  // The explanations kept for access requests go with their entries: one row is left.
  const db = new SQLite(join(dataDir, sqliteFileName), { readonly: true });
  const rows = db.prepare('SELECT count(*) AS n FROM subject_explanations').get() as { n: number };
  db.close();
  assert.equal(rows.n, 1);
  assert.ok(
    (await store.readSubjectPredictions(service.tenants.a.id, subjectOfCase10)).length === 0,
  );
});

test('purgeEventLog never cuts younger than the retention at a month’s end', async () => {
  // 31 August minus 6 months is 28 February, not 3 March: entries of 1-3 March stay.
  const result = await purgeEventLog(
    store,
    service.tenants.b.id,
    6,
    new Date('2026-08-31T12:00:00Z'),
  );
  assert.equal(result.cutoff, '2026-02-28T12:00:00.000Z');
});

test('startRetentionJob refuses a retention under six months', () => {
  assert.throws(
    () =>
      startRetentionJob({
        store,
        retentionMonths: 5,
        intervalMs: 60_000,
        now: () => new Date(),
        onRun: () => undefined,
      }),
    /at least 6/,
  );
});
