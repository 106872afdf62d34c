import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';
import { createKeyFileText, writeKeyFile } from '../../src/privacy/keyFile.ts';
import { fixturePolicy, makePeople, writeFixtureCsv } from './identifiableFixture.ts';

function absencelab(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/absencelab.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const work = temporaryDirectory('privacy-cli');

test('absencelab keygen writes a key file with mode 0600 and refuses to overwrite it', () => {
  const keyPath = join(work, 'key.json');
  const first = absencelab('keygen', '--out', keyPath);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(statSync(keyPath).mode & 0o777, 0o600);
  const key = readFileSync(keyPath, 'utf8');
  assert.equal(first.stdout.includes(JSON.parse(key).keys.v1), false);

  const second = absencelab('keygen', '--out', keyPath);
  assert.equal(second.status, 64);
  assert.match(second.stderr, /already exists/);
  assert.equal(readFileSync(keyPath, 'utf8'), key);
});

test('absencelab pseudonymise writes extract, datasheet and report, with no bar off a terminal', async () => {
  const keyPath = join(work, 'key2.json');
  await writeKeyFile(keyPath, createKeyFileText());
  const people = makePeople(200, 3);
  const inPath = join(work, 'in.csv');
  writeFixtureCsv(inPath, people, 3);
  const policyPath = join(work, 'policy.json');
  writeFileSync(policyPath, JSON.stringify(fixturePolicy));
  const outPath = join(work, 'out', 'extract.csv');
  const result = absencelab(
    'pseudonymise',
    '--in',
    inPath,
    '--policy',
    policyPath,
    '--key-file',
    keyPath,
    '--domain',
    'research-a',
    '--out',
    outPath,
    '--report',
    join(work, 'out', 'report.json'),
  );
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^Wrote \d+ of \d+ rows/);
  for (const path of [outPath, `${outPath}.datasheet.md`, `${outPath}.datasheet.json`]) {
    assert.ok(existsSync(path), path);
  }
  for (const person of people) assert.equal(result.stdout.includes(person.bsn), false);
});
