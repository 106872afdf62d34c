import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../src/core/errors.ts';
import { encodeCsvCell } from '../../src/privacy/io/tableSink.ts';
import { parsePolicy } from '../../src/privacy/policySchema.ts';
import {
  pseudonymiseTable,
  type PseudonymiseOptions,
  type PseudonymiseOutcome,
} from '../../src/privacy/pseudonymiseTable.ts';
import { temporaryDirectory } from '../support/paths.ts';
import {
  fixtureHeader,
  fixturePolicy,
  makePeople,
  writeFixtureCsv,
} from './identifiableFixture.ts';

const work = temporaryDirectory('privacy-parallel');
const people = makePeople(500, 21);
const rows = writeFixtureCsv(join(work, 'plain.csv'), people, 21);
// A kept free-text column with commas, quotes, line breaks and non-ASCII text: chunks must be
// cut between records, never inside a quoted one.
const notes = ['', 'ok', 'knee, left', 'said "soon"', 'two\nlines', 'reïntegratie', 'a\r\nb'];
const inPath = join(work, 'episodes.csv');
writeFileSync(
  inPath,
  [
    [...fixtureHeader, 'note'].join(','),
    ...rows.map((row, i) => [...row, notes[i % notes.length]!].map(encodeCsvCell).join(',')),
  ].join('\r\n') + '\r\n',
);
const { policy } = parsePolicy(
  JSON.stringify({
    ...fixturePolicy,
    columns: { ...fixturePolicy.columns, note: { action: 'keep' } },
  }),
  'policy.json',
);

let runs = 0;
async function extract(
  parallelism: NonNullable<PseudonymiseOptions['parallelism']>,
  extra: Partial<PseudonymiseOptions> = {},
): Promise<{ outcome: PseudonymiseOutcome; bytes: Buffer }> {
  const outPath = join(work, `out-${runs++}.${extra.outPath ?? 'csv'}`);
  const outcome = await pseudonymiseTable({
    inPath,
    policy,
    masterKey: Buffer.alloc(32, 3),
    keyVersion: 'v1',
    domain: 'research-a',
    parallelism,
    ...extra,
    outPath,
  });
  return { outcome, bytes: readFileSync(outPath) };
}

/** Everything the report and datasheet are made of, apart from how the MAC cache was hit. */
function summary(outcome: PseudonymiseOutcome) {
  const { computed, cached } = outcome.pseudonyms;
  return {
    rowsRead: outcome.rowsRead,
    rowsWritten: outcome.rowsWritten,
    rowsExcludedByObjection: outcome.rowsExcludedByObjection,
    levels: outcome.anonymity.levels,
    rowsSuppressed: outcome.anonymity.rowsSuppressed,
    classes: [...outcome.anonymity.classes],
    missingCounts: outcome.missingCounts,
    period: outcome.period,
    utility: outcome.utility,
    pseudonymsUsed: computed + cached,
    sha256: outcome.outputSha256,
  };
}

const reference = await extract({ threads: 0 });

test('pseudonymiseTable writes the same bytes with workers as on the main thread, any chunk size', async () => {
  assert.equal(reference.outcome.rowsRead, rows.length);
  assert.ok(reference.outcome.rowsWritten > 0.8 * rows.length);
  // The awkward notes survived: quoted in the extract as in the input.
  assert.ok(reference.bytes.includes('"said ""soon"""'));
  assert.ok(reference.bytes.includes('"two\nlines"'));
  for (const parallelism of [
    { threads: 2, csvChunkBytes: 700 },
    { threads: 1, withMainThread: true, csvChunkBytes: 500 },
    { threads: 1, csvChunkBytes: 1 << 20 },
    { threads: 0, csvChunkBytes: 300 },
  ]) {
    const { outcome, bytes } = await extract(parallelism);
    assert.ok(bytes.equals(reference.bytes), JSON.stringify(parallelism));
    assert.deepEqual(summary(outcome), summary(reference.outcome), JSON.stringify(parallelism));
  }
});

test('pseudonymiseTable leaves out objectors alike with workers, asking once per person', async () => {
  const objectors = new Set([people[0]!.employeeId, people[7]!.employeeId, people[99]!.employeeId]);
  const asked = new Map<string, number>();
  const isExcludedSubject = (subject: string) => {
    asked.set(subject, (asked.get(subject) ?? 0) + 1);
    return objectors.has(subject);
  };
  const local = await extract({ threads: 0 }, { isExcludedSubject });
  asked.clear();
  const parallel = await extract(
    { threads: 1, withMainThread: true, csvChunkBytes: 900 },
    { isExcludedSubject },
  );
  const objectorRows = rows.filter((row) => objectors.has(row[0]!)).length;
  assert.ok(objectorRows >= 3);
  assert.equal(parallel.outcome.rowsExcludedByObjection, objectorRows);
  assert.ok(parallel.bytes.equals(local.bytes));
  assert.deepEqual(summary(parallel.outcome), summary(local.outcome));
  // With workers the predicate runs on the main thread, once for each distinct employee.
  assert.equal(asked.size, people.length);
  assert.ok([...asked.values()].every((count) => count === 1));
  assert.ok(parallel.outcome.rowsWritten < reference.outcome.rowsWritten);
});

test('pseudonymiseTable names the same rows and columns of unreadable values with workers', async () => {
  const badPath = join(work, 'bad.csv');
  const lines = readFileSync(inPath, 'utf8').split('\r\n');
  const birth = fixtureHeader.indexOf('birth_date');
  // Rows 3 and the last: their file row numbers count records, not lines (notes have breaks).
  for (const lineIndex of [2, lines.length - 2]) {
    const cells = lines[lineIndex]!.split(',');
    cells[birth] = '1980-13-45';
    lines[lineIndex] = cells.join(',');
  }
  writeFileSync(badPath, lines.join('\r\n'));
  const failure = async (parallelism: NonNullable<PseudonymiseOptions['parallelism']>) => {
    try {
      await extract(parallelism, { inPath: badPath });
    } catch (error) {
      assert.ok(error instanceof AppError);
      return error.issues.map((issue) => [issue.row, issue.column]);
    }
    return assert.fail('expected a refusal');
  };
  const local = await failure({ threads: 0 });
  assert.deepEqual(local, [
    [3, 'birth_date'],
    [rows.length + 1, 'birth_date'],
  ]);
  assert.deepEqual(await failure({ threads: 2, csvChunkBytes: 500 }), local);
  assert.deepEqual(await failure({ threads: 1, withMainThread: true, csvChunkBytes: 400 }), local);
});

test('pseudonymiseTable writes the same Parquet extract with workers', async () => {
  const local = await extract({ threads: 0 }, { outPath: 'parquet' });
  const parallel = await extract({ threads: 2, csvChunkBytes: 2000 }, { outPath: 'parquet' });
  assert.equal(parallel.outcome.outputSha256, local.outcome.outputSha256);
  assert.ok(parallel.bytes.equals(local.bytes));
});
