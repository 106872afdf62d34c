import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { parsePurposeRegister } from '../../src/service/purposeRegister.ts';
import { projectRoot } from '../support/paths.ts';

const shipped = JSON.parse(readFileSync(`${projectRoot}config/purposes.json`, 'utf8')) as {
  formatVersion: 1;
  purposes: Record<string, unknown>[];
};

function withFirst(change: Record<string, unknown>) {
  return {
    ...shipped,
    purposes: [{ ...shipped.purposes[0], ...change }, ...shipped.purposes.slice(1)],
  };
}

function refusal(data: unknown): AppError {
  try {
    parsePurposeRegister(data, 'purposes.json');
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'INVALID_CONFIG');
    return error;
  }
  assert.fail('the register was accepted');
}

test('parsePurposeRegister accepts the shipped register', () => {
  const register = parsePurposeRegister(shipped, 'purposes.json');
  assert.deepEqual(
    [...register.byId.keys()],
    ['absence-guidance', 'occupational-health-assessment', 'caseload-planning'],
  );
});

test('parsePurposeRegister names the entry and field of a bad legal basis', () => {
  const error = refusal(withFirst({ legalBasis: 'because we can' }));
  assert.match(error.message, /Purpose "absence-guidance" \(entry 1\) is invalid/);
  assert.equal(error.issues[0]?.field, 'purposes.0.legalBasis');
});

test('parsePurposeRegister refuses a retention under six months', () => {
  const error = refusal(withFirst({ retentionMonths: 3 }));
  assert.equal(error.issues[0]?.field, 'purposes.0.retentionMonths');
});

test('parsePurposeRegister refuses an unknown field, a missing required field and a role outside the set', () => {
  const fields = shipped.purposes[0]!['fields'] as string[];
  assert.match(
    refusal(withFirst({ fields: [...fields, 'employee.shoeSize'] })).issues[0]!.message,
    /employee\.shoeSize/,
  );
  assert.match(
    refusal(withFirst({ fields: fields.filter((f) => f !== 'caseId') })).issues[0]!.message,
    /required fields caseId/,
  );
  assert.equal(refusal(withFirst({ roles: ['janitor'] })).issues[0]?.field, 'purposes.0.roles.0');
});

test('parsePurposeRegister refuses medical fields for the employer context or employer-side roles', () => {
  const fields = shipped.purposes[0]!['fields'] as string[];
  const error = refusal(withFirst({ fields: [...fields, 'episode.medical.diagnosisCode'] }));
  const messages = error.issues.map((i) => i.message).join(' ');
  assert.match(
    messages,
    /medical fields \(episode\.medical\.diagnosisCode\) in the employer context/,
  );
  assert.match(messages, /to the roles case-manager, employer/);
});

test('parsePurposeRegister refuses a duplicate id', () => {
  const error = refusal({ ...shipped, purposes: [...shipped.purposes, shipped.purposes[0]] });
  assert.match(error.message, /entry 4/);
  assert.match(error.issues[0]!.message, /used by an earlier purpose/);
});
