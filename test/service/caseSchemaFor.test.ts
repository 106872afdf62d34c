import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadUciProblem } from '../../src/absence/uciPipeline.ts';
import {
  isMedicalField,
  knownCaseFields,
  requiredCaseFields,
} from '../../src/service/caseFields.ts';
import { caseSchema, caseSchemaFor } from '../../src/service/caseSchema.ts';
import { fieldMatcher, filterCaseFields } from '../../src/service/filterCaseFields.ts';
import { loadPurposeRegister } from '../../src/service/purposeRegister.ts';
import { projectRoot, uciFile } from '../support/paths.ts';

const problem = await loadUciProblem(uciFile);
const purposes = await loadPurposeRegister(`${projectRoot}config/purposes.json`);

function requestCase(index: number): Record<string, unknown> {
  const c = problem.cases[index]!;
  const { caseId, employee, episode, history } = c;
  return JSON.parse(JSON.stringify({ caseId, employee, episode, history })) as Record<
    string,
    unknown
  >;
}

/** Cases as callers send them: bundled ones, ones with extra and unknown fields, broken ones. */
function sampleCases(): unknown[] {
  const plain = [0, 40, 100, 350, 696].map(requestCase);
  const withExtras = {
    ...requestCase(100),
    employee: {
      ...(requestCase(100)['employee'] as object),
      name: 'J. Jansen',
      birthYear: 1980,
      sex: 'female',
      team: 'north',
      contractType: 'permanent',
    },
    episode: {
      episodeId: 'e-1',
      employeeId: 'uci-20',
      startDate: '2024-03-05',
      startMonth: '2024-03',
      endDate: '2024-03-01',
      expectedDurationDays: 12,
      medical: { diagnosisCode: 'M54' },
      recoveries: [{ date: '2024-03-20', workingPct: 50 }],
      unknownField: 1,
    },
    history: [{ episodeId: 'h-1', employeeId: 'uci-20', startMonth: '2023-13', kind: 'other' }],
  };
  const broken = [
    { caseId: '', employee: { employeeId: 'x' }, episode: {} },
    { ...requestCase(40), employee: { employeeId: 'someone-else', ageYears: 'old' } },
    { ...requestCase(40), history: 'none' },
    { caseId: 'c', employee: { employeeId: 'e' }, episode: { episodeId: 'p', employeeId: 'e' } },
    {
      caseId: 'c',
      employee: { employeeId: 'e' },
      episode: { episodeId: 'p', employeeId: 'e', startMonth: '2024-02', startDate: '2024-03-01' },
    },
    { ...requestCase(0), extraTopLevel: true },
    null,
    [],
  ];
  return [...plain, withExtras, ...broken];
}

/** The purposes' allow-lists, and lists that allow dates, whole objects or nearly nothing. */
function allowLists(): { label: string; fields: string[] }[] {
  const lists = purposes.purposes.flatMap((purpose) =>
    purpose.contexts.map((context) => ({
      label: `${purpose.id} (${context})`,
      fields: purpose.fields.filter((f) => context !== 'employer' || !isMedicalField(f)),
    })),
  );
  return [
    ...lists,
    { label: 'every known field', fields: [...knownCaseFields] },
    // Without `kind`, whose default the output must still carry.
    { label: 'required fields only', fields: [...requiredCaseFields] },
    { label: 'whole objects', fields: ['caseId', 'employee', 'episode', 'history'] },
    {
      label: 'dates',
      fields: ['caseId', 'employee.employeeId', 'episode.startDate', 'episode.endDate'],
    },
    { label: 'nothing', fields: [] },
  ];
}

test('caseSchemaFor gives what caseSchema gives on every filtered case: data or issues', () => {
  for (const { label, fields } of allowLists()) {
    const matcher = fieldMatcher(fields);
    const cut = caseSchemaFor(matcher);
    for (const [index, raw] of sampleCases().entries()) {
      const filtered = filterCaseFields(raw, matcher, new Set());
      const expected = caseSchema.safeParse(filtered);
      const actual = cut.safeParse(filtered);
      const where = `${label}, case ${index}`;
      assert.equal(actual.success, expected.success, where);
      if (expected.success && actual.success) {
        // The same values with the same keys in the same order.
        assert.equal(JSON.stringify(actual.data), JSON.stringify(expected.data), where);
      } else {
        const issues = (result: typeof expected) =>
          result.error?.issues.map(({ code, path, message }) => ({ code, path, message }));
        assert.deepEqual(issues(actual), issues(expected), where);
      }
    }
  }
});

test('caseSchemaFor keeps a history default and the checks across objects', () => {
  const cut = caseSchemaFor(fieldMatcher(['caseId', 'employee.employeeId', 'episode']));
  const result = cut.safeParse({
    caseId: 'c',
    employee: { employeeId: 'e' },
    episode: { episodeId: 'p', employeeId: 'other', startMonth: '2024-02' },
  });
  assert.equal(result.success, false);
  assert.deepEqual(
    result.error?.issues.map((i) => i.path.join('.')),
    ['episode.employeeId'],
  );

  const parsed = cut.parse({
    caseId: 'c',
    employee: { employeeId: 'e' },
    episode: { episodeId: 'p', employeeId: 'e', startMonth: '2024-02' },
  });
  assert.deepEqual(parsed.history, []);
  assert.equal(parsed.episode.kind, 'sickness');
});

test('caseSchemaFor builds one schema per allow-list', () => {
  const matcher = fieldMatcher(['caseId']);
  assert.equal(caseSchemaFor(matcher), caseSchemaFor(matcher));
});
