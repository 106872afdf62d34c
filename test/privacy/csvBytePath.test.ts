import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { rowsOfChunk, type SourceChunk } from '../../src/privacy/extract/chunkRows.ts';
import { createExtractSession } from '../../src/privacy/extract/createExtractSession.ts';
import { mergeTakenClasses } from '../../src/privacy/extract/mergeTakenClasses.ts';
import { deriveDomainKey } from '../../src/privacy/deriveDomainKey.ts';
import { planExtract } from '../../src/privacy/extractPlan.ts';
import type { CsvChunk } from '../../src/privacy/io/openCsvChunks.ts';
import { kAnonymise } from '../../src/privacy/kAnonymise.ts';
import { parsePolicy } from '../../src/privacy/policySchema.ts';

// CSV chunks are read on their bytes, other tables as rows of text; both must give the same
// results. Each pool holds cells as written in the file: padded, quoted, non-ASCII, with CR.
const pools = {
  employee_id: (n: number) => [`E${n}`, ` E${n} `, `"E${n}"`, `E${n}\t`, `É${n}`],
  birth_date: [
    '1980-05-17',
    ' 1980-05-17 ',
    '1975',
    '"1990-12-31"',
    '1990-12-31T08:00',
    '1990-12-31 x',
    '',
    '\u00a01984-02-29',
    '1981-01-01',
    '1999-01-02',
  ],
  postcode: ['1234 AB', '1234AB', ' 5678 ', '12', '123', '9999 zz 12', ' 3123\u00a0', '"1017"'],
  sex: ['female', 'male', ' male', 'Fémale', '"male"', ''],
  team: ['T1', 'T 2', '"T,3"', 'Tëam', 'a\rb', '', ' T1 '],
  start_date: ['2024-02-29', ' 2023-01-01', '2025-12-31T10:00', '', '"2022-06-01"'],
  duration_days: ['12', ' 7 ', '1e2', '0x10', '12.5', '-3', '', '400', '"15"', '007'],
  diagnosis: ['flu', ' flu ', 'flü', 'cold', 'rare', '"a, b"', ''],
  note: ['ok', '', '"said ""hi"""', '"two\nlines"', '"x\r\ny"', 'plain text'],
};
const header = Object.keys(pools);
const { policy } = parsePolicy(
  JSON.stringify({
    columns: {
      employee_id: { action: 'pseudonymise' },
      birth_date: { action: 'generalise', rule: { rule: 'age-band', widthYears: 5 } },
      postcode: { action: 'generalise', rule: { rule: 'region', level: 'pc2' } },
      sex: { action: 'keep' },
      team: { action: 'keep' },
      start_date: { action: 'generalise', rule: { rule: 'relative-weeks' } },
      duration_days: { action: 'generalise', rule: { rule: 'top-code', quantile: 0.9 } },
      diagnosis: { action: 'generalise', rule: { rule: 'rare-category', minCount: 30 } },
      note: { action: 'keep' },
    },
    quasiIdentifiers: ['birth_date', 'postcode', 'sex'],
    k: 3,
    subjectColumn: 'employee_id',
    referenceDate: '2026-01-01',
    utility: { target: { column: 'duration_days', above: 10 }, features: ['birth_date', 'team'] },
  }),
  'policy.json',
);

function awkwardCsv(rowCount: number, seed: number): string {
  const random = createRandom(seed);
  const pick = (values: readonly string[]) => values[random.int(values.length)]!;
  let text = '';
  for (let i = 0; i < rowCount; i++) {
    const person = Math.floor(i / 3);
    const cells = header.map((name) =>
      name === 'employee_id' ? pick(pools.employee_id(person)) : pick(pools[name as 'note']),
    );
    text += cells.join(',') + (random.next() < 0.3 ? '\r\n' : '\n');
    if (random.next() < 0.02) text += random.next() < 0.5 ? '\n' : '\r\n';
  }
  return text;
}

function job(outputFormat: 'csv' | 'parquet' = 'csv') {
  return {
    fileName: 'awkward.csv',
    header,
    policy,
    outputFormat,
    domainKey: deriveDomainKey(Buffer.alloc(32, 5), 'tests'),
    keyVersion: 'v1',
  };
}

function asRows(chunk: CsvChunk): SourceChunk {
  const rows = rowsOfChunk(chunk, 'awkward.csv');
  return { kind: 'rows', rows, rowNumbers: rows.map((_, i) => i + 2) };
}

/** Both passes of one session over the chunks, with what pass one settled in between. */
function extract(chunks: readonly SourceChunk[], outputFormat: 'csv' | 'parquet') {
  const session = createExtractSession(job(outputFormat));
  const plan = planExtract(header, policy, 'awkward.csv');
  const ruled = plan.columns.filter((column) => column.rule !== undefined);
  const scans = chunks.map((chunk) => session.scan(chunk));
  for (const scan of scans) {
    scan.observations.forEach((observations, j) => {
      if (observations !== undefined) ruled[j]!.rule!.learn?.(observations);
    });
  }
  for (const column of ruled) column.rule!.finish?.();
  const classes = mergeTakenClasses(session.takeClasses());
  const anonymity = kAnonymise({
    rules: plan.quasiIdentifiers.map((column) => column.rule),
    baseClasses: classes,
    k: policy.k,
    maxSuppressionPct: policy.maxSuppressionPct,
  });
  session.startWrite({
    levels: anonymity.levels,
    keptClasses: [...anonymity.classes].filter(([, c]) => c.size >= policy.k).map(([k]) => k),
    isAllSuppressed: false,
    settlements: ruled.map((column) => column.rule!.settlement?.()),
  });
  const outputs = chunks.map((chunk) => session.transform(chunk, 40));
  return { scans, classes, anonymity, outputs };
}

for (const outputFormat of ['csv', 'parquet'] as const) {
  test(`the byte path of a CSV chunk scans, counts and writes as the text path does (${outputFormat})`, () => {
    const bytes = Buffer.from(awkwardCsv(1500, 3), 'utf8');
    const chunk: CsvChunk = { kind: 'csv', bytes, isLast: true };
    const onBytes = extract([chunk], outputFormat);
    const onText = extract([asRows(chunk)], outputFormat);

    assert.equal(onBytes.scans[0]!.rows, 1500);
    assert.deepEqual(onBytes.scans, onText.scans);
    assert.deepEqual([...onBytes.classes], [...onText.classes]);
    assert.ok(onBytes.anonymity.rowsSuppressed > 0 && onBytes.anonymity.rowsSuppressed < 1500);
    const [fromBytes] = onBytes.outputs;
    const [fromText] = onText.outputs;
    assert.ok(Buffer.from(fromBytes!.bytes).equals(Buffer.from(fromText!.bytes)));
    assert.deepEqual({ ...fromBytes, bytes: [] }, { ...fromText, bytes: [] });
    // The awkward values reached the extract as the text path writes them.
    const lines = Buffer.from(fromBytes!.bytes).toString('utf8');
    for (const cell of ['"said ""hi"""', '"two\nlines"', '"T,3"', 'Tëam', '"a\rb"', 'flü']) {
      assert.ok(lines.includes(cell), cell);
    }
    assert.ok(fromBytes!.utility.labels.length === 40);
  });
}

test('the byte path names the same unreadable cells and short rows as the text path', () => {
  const text =
    awkwardCsv(30, 4) +
    'E1,1980-13-01,1234 AB,male,T1,2024-01-01,12,flu,ok\n' +
    'E2,1980-01-01,0123 AB,male,T1,01-01-2024,twelve,flu,ok\n' +
    'E3,1980-01-01,1234 AB,male\n' +
    'E4,"1980-01-01",1,male,T1,2024-01-01,"1e999",flu,ok,extra\n';
  const chunk: CsvChunk = { kind: 'csv', bytes: Buffer.from(text, 'utf8'), isLast: true };
  const onBytes = createExtractSession(job()).scan(chunk);
  const onText = createExtractSession(job()).scan(asRows(chunk));
  assert.deepEqual(onBytes, onText);
  const located = onBytes.issues.map((issue) => [issue.index, issue.column ?? 'width']);
  assert.deepEqual(located, [
    [30, 'birth_date'],
    [31, 'postcode'],
    [31, 'start_date'],
    [31, 'duration_days'],
    [32, 'width'],
    [33, 'width'],
  ]);
});

test('the byte path refuses a quote left open at the end of the file, as the text path', () => {
  const chunk: CsvChunk = {
    kind: 'csv',
    bytes: Buffer.from('E1,1980-01-01,1234,male,T1,2024-01-01,3,flu,"never closed\n'),
    isLast: true,
  };
  assert.throws(() => createExtractSession(job()).scan(chunk), /ends inside a quoted field/);
  assert.throws(() => asRows(chunk), /ends inside a quoted field/);
});
