import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';

const dataDir = temporaryDirectory('subject-cli');
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** One CLI process per call, as the DPO runs it; the data folder comes from the environment. */
function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/absencelab.mjs'), ...args], {
    encoding: 'utf8',
    input: input ?? '',
    env: { ...process.env, ABSENCELAB_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('absencelab subject activate, object, access and withdraw-objection work on the database, the id read from standard input', () => {
  assert.equal(cli(['admin', 'create-tenant', 'acme']).status, 0);
  const activated = cli([
    'subject',
    'activate',
    '--tenant',
    'acme',
    '--dpia-completed',
    '2026-01-10',
    '--works-council-informed',
    '2026-01-20',
  ]);
  assert.equal(activated.status, 0, activated.stderr);
  assert.equal((JSON.parse(activated.stdout) as { isActive: boolean }).isActive, true);
  const future = cli([
    'subject',
    'activate',
    '--tenant',
    'acme',
    '--dpia-completed',
    '2999-01-01',
    '--works-council-informed',
    '2026-01-20',
  ]);
  assert.equal(future.status, 65);
  assert.match(future.stderr, /--dpia-completed.*future/);

  const objected = cli(['subject', 'object', '--tenant', 'acme', '--employee-id', '-'], 'E-4711\n');
  assert.equal(objected.status, 0, objected.stderr);
  assert.equal((JSON.parse(objected.stdout) as { isNew: boolean }).isNew, true);
  assert.ok(!objected.stdout.includes('E-4711'));

  const report = cli(['subject', 'access', '--tenant', 'acme', '--employee-id', '-'], 'E-4711');
  assert.equal(report.status, 0, report.stderr);
  const parsed = JSON.parse(report.stdout) as { objection: { recordedAt: string } | null };
  assert.ok(parsed.objection !== null);
  const other = cli(['subject', 'access', '--tenant', 'acme', '--employee-id', 'E-4712']);
  assert.equal((JSON.parse(other.stdout) as { objection: unknown }).objection, null);

  const withdraw = ['subject', 'withdraw-objection', '--tenant', 'acme', '--employee-id', '-'];
  const withdrawn = cli(withdraw, 'E-4711');
  assert.equal(withdrawn.status, 0, withdrawn.stderr);
  assert.match(withdrawn.stderr, /Objection withdrawn/);
  const afterWithdrawal = cli(
    ['subject', 'access', '--tenant', 'acme', '--employee-id', '-'],
    'E-4711',
  );
  assert.equal((JSON.parse(afterWithdrawal.stdout) as { objection: unknown }).objection, null);
  const nothingLeft = cli(withdraw, 'E-4711');
  assert.equal(nothingLeft.status, 66);
  assert.match(nothingLeft.stderr, /No objection is recorded/);
  assert.ok(!nothingLeft.stderr.includes('E-4711'));

  const contests = cli(['subject', 'contests', '--tenant', 'acme']);
  assert.equal(contests.status, 0, contests.stderr);
  assert.deepEqual(JSON.parse(contests.stdout), { overdue: 0, contests: [] });
});
