import assert from 'node:assert/strict';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError, formatError } from '../../src/core/errors.ts';
import { createKeyFileText, readKeyFile, writeKeyFile } from '../../src/privacy/keyFile.ts';
import { temporaryDirectory } from '../support/paths.ts';

const work = temporaryDirectory('privacy-key');

test('writeKeyFile writes a versioned key file with mode 0600', async () => {
  const path = join(work, 'key.json');
  await writeKeyFile(path, createKeyFileText());
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  const ring = await readKeyFile(path);
  assert.equal(ring.currentVersion, 'v1');
  assert.equal(ring.masterKey('v1').length, 32);
});

test('writeKeyFile refuses to overwrite an existing file and leaves it as it was', async () => {
  const path = join(work, 'existing.json');
  await writeKeyFile(path, createKeyFileText());
  const before = await readFile(path, 'utf8');
  await assert.rejects(writeKeyFile(path, createKeyFileText()), /already exists/);
  assert.equal(await readFile(path, 'utf8'), before);
});

test('createKeyFileText with a previous ring keeps the old versions and adds the next', async () => {
  const oldPath = join(work, 'old.json');
  const newPath = join(work, 'new.json');
  await writeKeyFile(oldPath, createKeyFileText());
  const old = await readKeyFile(oldPath);
  await writeKeyFile(newPath, createKeyFileText(old));
  const rotated = await readKeyFile(newPath);
  assert.deepEqual(rotated.versions, ['v1', 'v2']);
  assert.equal(rotated.currentVersion, 'v2');
  assert.deepEqual(rotated.masterKey('v1'), old.masterKey('v1'));
  assert.notDeepEqual(rotated.masterKey('v2'), old.masterKey('v1'));
});

test('readKeyFile refuses a key file that others may read', async () => {
  const path = join(work, 'open.json');
  await writeKeyFile(path, createKeyFileText());
  await chmod(path, 0o644);
  await assert.rejects(readKeyFile(path), /readable by others/);
});

test('readKeyFile refuses a damaged file without repeating any of its content', async () => {
  const path = join(work, 'damaged.json');
  const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=';
  await writeFile(path, `{"format":"absencelab-pseudonym-key","keys":{"v1":"${secret}"}`, {
    mode: 0o600,
  });
  await assert.rejects(readKeyFile(path), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(formatError(error).includes(secret), false);
    assert.equal(formatError(error).includes('c2VjcmV0'), false);
    return true;
  });
});

test('masterKey names the missing version and the ones there are', async () => {
  const path = join(work, 'versions.json');
  await writeKeyFile(path, createKeyFileText());
  const ring = await readKeyFile(path);
  assert.throws(() => ring.masterKey('v9'), /Key version v9 is not in versions\.json/);
});
