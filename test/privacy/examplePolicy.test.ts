import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parsePolicy } from '../../src/privacy/policySchema.ts';
import { trainingPolicy } from '../support/identifiableExport.ts';
import { projectRoot, temporaryDirectory } from '../support/paths.ts';

test('config/extract-policy.example.json parses and is the policy the extract training tests use', () => {
  const text = readFileSync(join(projectRoot, 'config/extract-policy.example.json'), 'utf8');
  const { policy } = parsePolicy(text, 'extract-policy.example.json');
  const dir = temporaryDirectory('example-policy');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ period: { firstDay: '2023-01-01', lastDay: '2025-12-31' } }),
  );
  const tested = trainingPolicy(dir) as { columns: unknown; quasiIdentifiers: unknown };
  assert.deepEqual(JSON.parse(text).columns, tested.columns);
  assert.deepEqual(policy.quasiIdentifiers, tested.quasiIdentifiers);
  assert.equal(policy.subjectColumn, 'employeeId');
});
