import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';

const dataDir = temporaryDirectory('audit-cli');
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** One CLI process per call, as an operator runs it; the data folder comes from the environment. */
function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/absencelab.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ABSENCELAB_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('admin create-tenant and create-user print an id and a token once; audit verify and purge check the log', () => {
  const tenant = cli('admin', 'create-tenant', 'acme');
  assert.equal(tenant.status, 0, tenant.stderr);
  assert.match(tenant.stdout, /^t_[0-9a-f]{16}\n$/);
  const user = cli('admin', 'create-user', '--tenant', 'acme', '--role', 'dpo');
  assert.equal(user.status, 0, user.stderr);
  assert.match(user.stdout, /^al_u_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n$/);
  assert.equal(cli('admin', 'create-user', '--tenant', 'acme', '--role', 'janitor').status, 64);

  // Entries removed from the end of a log look like this: the log stops before its recorded head.
  // (Changed entries are found by the service tests, on SQLite and PostgreSQL.)
  const intact = cli('audit', 'verify', '--tenant', 'acme');
  assert.equal(intact.status, 0, intact.stderr);
  assert.match(intact.stdout, /acme: intact, 0 entries/);
  const db = new SQLite(join(dataDir, 'absencelab.sqlite'));
  db.prepare('UPDATE chain_heads SET seq = 7').run();
  db.close();
  const broken = cli('audit', 'verify');
  assert.notEqual(broken.status, 0);
  assert.match(broken.stdout, /acme: BROKEN at entry 0/);
  assert.match(broken.stderr, /does not verify/);

  const tooSoon = cli('audit', 'purge', '--older-than-months', '5');
  assert.equal(tooSoon.status, 64);
  assert.match(tooSoon.stderr, /at least 6 months/);
});
