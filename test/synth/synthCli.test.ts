import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const cli = new URL('../../bin/absencelab.mjs', import.meta.url).pathname;

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('absencelab synth --report --json prints one row per statistic and no progress bar in a pipe', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'absencelab-synth-cli-'));
  try {
    const args = ['synth', '--employees', '300', '--years', '1', '--seed', '3', '--out', dir];
    const result = runCli([...args, '--report', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.ok(rows.some((row) => row['statistic'] === 'oracleAuc.over6Weeks'));
    for (const row of rows) {
      assert.deepEqual(Object.keys(row), ['statistic', 'value', 'target', 'tolerance', 'within']);
      assert.equal(typeof row['within'], 'boolean');
    }
    assert.deepEqual((await readdir(dir)).sort(), [
      'employees.csv',
      'episodes.csv',
      'manifest.json',
      'teams.csv',
      'truth.csv',
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('absencelab synth rejects a count that is not a whole number with exit code 64', () => {
  const result = runCli([
    'synth',
    '--employees',
    '12x',
    '--years',
    '1',
    '--seed',
    '1',
    '--out',
    '/nonexistent',
  ]);
  assert.equal(result.status, 64);
  assert.match(result.stderr, /--employees/);
  assert.ok(!result.stderr.includes('12x'));
});
