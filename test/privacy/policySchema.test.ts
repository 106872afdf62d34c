import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { parsePolicy } from '../../src/privacy/policySchema.ts';

const valid = {
  columns: {
    employee_id: { action: 'pseudonymise' },
    name: { action: 'drop' },
    birth_date: { action: 'generalise', rule: { rule: 'age-band' } },
    team: { action: 'keep' },
  },
  quasiIdentifiers: ['birth_date', 'team'],
  k: 5,
  referenceDate: '2026-01-01',
};

function fieldsOf(policy: unknown): string[] {
  try {
    parsePolicy(JSON.stringify(policy), 'policy.json');
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'INVALID_INPUT');
    return error.issues.map((issue) => issue.field ?? '');
  }
  return [];
}

test('parsePolicy accepts the example policy, fills defaults and hashes the text', () => {
  const text = JSON.stringify(valid);
  const { policy, sha256 } = parsePolicy(text, 'policy.json');
  assert.equal(policy.k, 5);
  assert.equal(policy.maxSuppressionPct, 5);
  assert.deepEqual(policy.columns['birth_date'], {
    action: 'generalise',
    rule: { rule: 'age-band', widthYears: 5 },
  });
  assert.match(sha256, /^[0-9a-f]{64}$/);
});

test('parsePolicy refuses a bad policy, naming each field', () => {
  assert.deepEqual(fieldsOf({ ...valid, k: 1 }), ['k']);
  assert.deepEqual(fieldsOf({ ...valid, referenceDate: '1-1-2026' }), ['referenceDate']);
  assert.deepEqual(
    fieldsOf({ ...valid, columns: { ...valid.columns, team: { action: 'publish' } } }),
    ['columns.team.action'],
  );
  assert.deepEqual(
    fieldsOf({
      ...valid,
      columns: { ...valid.columns, team: { action: 'generalise', rule: { rule: 'blur' } } },
    }),
    ['columns.team.rule.rule'],
  );
  assert.deepEqual(fieldsOf({ ...valid, quasiIdentifiers: ['birth_date', 'shoe_size'] }), [
    'quasiIdentifiers.1',
  ]);
  assert.deepEqual(fieldsOf({ ...valid, quasiIdentifiers: ['employee_id'] }), [
    'quasiIdentifiers.0',
  ]);
  assert.deepEqual(fieldsOf({ ...valid, extra: true }), ['(root)']);
});

test('parsePolicy refuses a top-code rule with both or neither of cap and quantile', () => {
  const rule = (extra: object) => ({
    ...valid,
    columns: {
      ...valid.columns,
      team: { action: 'generalise', rule: { rule: 'top-code', ...extra } },
    },
  });
  assert.deepEqual(fieldsOf(rule({})), ['columns.team.rule']);
  assert.deepEqual(fieldsOf(rule({ cap: 10, quantile: 0.99 })), ['columns.team.rule']);
  assert.deepEqual(fieldsOf(rule({ cap: 10 })), []);
});

test('parsePolicy refuses text that is not JSON, naming the file', () => {
  assert.throws(() => parsePolicy('{"columns": ', 'p.json'), /Policy p\.json is not valid JSON/);
});

test('parsePolicy refuses a policy that releases columns but names no quasi-identifier', () => {
  const withoutQuasiIdentifiers: Record<string, unknown> = { ...valid };
  delete withoutQuasiIdentifiers['quasiIdentifiers'];
  assert.deepEqual(fieldsOf(withoutQuasiIdentifiers), ['quasiIdentifiers']);
  assert.deepEqual(fieldsOf({ ...valid, quasiIdentifiers: [] }), ['quasiIdentifiers']);
  // Nothing released, nothing to link: an extract of pseudonyms alone needs no classes.
  assert.deepEqual(
    fieldsOf({
      ...valid,
      columns: { employee_id: { action: 'pseudonymise' } },
      quasiIdentifiers: [],
    }),
    [],
  );
});
