import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError, formatError } from '../../src/core/errors.ts';
import { encodeBase32 } from '../../src/privacy/base32.ts';
import { createCsvParser } from '../../src/privacy/io/parseCsvText.ts';
import { createKeyFileText, writeKeyFile } from '../../src/privacy/keyFile.ts';
import { runPseudonymisation } from '../../src/privacy/runPseudonymisation.ts';
import { temporaryDirectory } from '../support/paths.ts';
import {
  fixtureHeader,
  fixturePolicy,
  makePeople,
  writeFixtureCsv,
  type FakePerson,
} from './identifiableFixture.ts';

const work = temporaryDirectory('privacy-run');
const people = makePeople(600, 11);
const inPath = join(work, 'episodes.csv');
const inputRows = writeFixtureCsv(inPath, people, 11);
const keyPath = join(work, 'key.json');
await writeKeyFile(keyPath, createKeyFileText());
const masterKeyText = readFileSync(keyPath, 'utf8');
const inputText = readFileSync(inPath, 'utf8');

function writePolicy(name: string, policy: object): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(policy));
  return path;
}

function readCsv(path: string): string[][] {
  const parser = createCsvParser();
  const rows: string[][] = [];
  parser.push(readFileSync(path, 'utf8'), rows);
  parser.end(rows);
  return rows;
}

async function run(
  name: string,
  options: {
    policy?: object;
    domain?: string;
    keyVersion?: string;
    keyPath?: string;
    inPath?: string;
    ext?: string;
  } = {},
) {
  const outPath = join(work, `${name}.${options.ext ?? 'csv'}`);
  const reportPath = join(work, `${name}.report.json`);
  const report = await runPseudonymisation({
    inPath: options.inPath ?? inPath,
    policyPath: writePolicy(`${name}.policy.json`, options.policy ?? fixturePolicy),
    keyFilePath: options.keyPath ?? keyPath,
    domain: options.domain ?? 'research-a',
    ...(options.keyVersion === undefined ? {} : { keyVersion: options.keyVersion }),
    outPath,
    reportPath,
  });
  return { report, outPath, reportPath };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

const main = await run('main');
const extract = readCsv(main.outPath);
const header = extract[0]!;
const body = extract.slice(1);
const writtenFiles = [
  main.outPath,
  main.reportPath,
  `${main.outPath}.datasheet.md`,
  `${main.outPath}.datasheet.json`,
].map((path) => readFileSync(path, 'utf8'));

function originalValues(person: FakePerson): string[] {
  return [
    person.name,
    person.bsn,
    person.email,
    person.phone,
    person.birthDate,
    person.postcode,
    person.address,
    person.iban,
    person.employeeId,
  ];
}

test('the extract keeps only the policy columns, with pseudonyms and generalised values', () => {
  assert.deepEqual(header, [
    'employee_id',
    'birth_date',
    'address',
    'sex',
    'team',
    'start_date',
    'duration_days',
    'diagnosis',
  ]);
  for (const row of body) {
    assert.match(row[0]!, /^v1:[a-z2-7]{32}$/);
    assert.match(row[1]!, /^(\d+-\d+|\*)$/);
    assert.match(row[2]!, /^(\d\d|\dx|\*)$/);
    assert.match(row[5]!, /^-?\d+$/);
  }
  assert.equal(main.report.output.rows + main.report.kAnonymity.rowsSuppressed, inputRows.length);
  assert.equal(body.length, main.report.output.rows);
});

test('no original name, BSN, e-mail, phone, birth date, postcode, IBAN or id is in any file written', () => {
  for (const person of people) {
    for (const value of originalValues(person)) {
      const pattern = new RegExp(
        `(^|[^\\w-])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`,
      );
      // The same search finds the value in the input: it would find a leak.
      assert.equal(pattern.test(inputText), true);
      writtenFiles.forEach((text, i) => assert.equal(pattern.test(text), false, `file ${i}`));
    }
  }
});

test('no SHA-256 of an identifier, in hex, base64 or base32, nor key material is in any file written', () => {
  for (const person of people) {
    for (const value of originalValues(person)) {
      const digest = createHash('sha256').update(value).digest();
      for (const encoded of [
        digest.toString('hex'),
        digest.toString('hex').slice(0, 32),
        digest.toString('base64'),
        digest.toString('base64url').slice(0, 22),
        // A plain hash dressed as a pseudonym: the same 160 bits and encoding.
        encodeBase32(digest.subarray(0, 20)),
        encodeBase32(digest).slice(0, 16),
      ]) {
        for (const text of writtenFiles) assert.equal(text.includes(encoded), false);
      }
    }
  }
  const key = (JSON.parse(masterKeyText) as { keys: Record<string, string> }).keys['v1']!;
  const keyHex = Buffer.from(key, 'base64').toString('hex');
  for (const text of writtenFiles) {
    assert.equal(text.includes(key), false);
    assert.equal(text.includes(keyHex), false);
  }
});

test('every quasi-identifier class in the extract has at least k distinct persons', () => {
  const classes = new Map<string, Set<string>>();
  for (const row of body) {
    const key = [row[1], row[2], row[3]].join('|');
    const persons = classes.get(key) ?? new Set<string>();
    persons.add(row[0]!);
    classes.set(key, persons);
  }
  assert.ok(classes.size > 1);
  for (const [key, persons] of classes) assert.ok(persons.size >= 5, `${key}: ${persons.size}`);
  // Some classes were too small even after generalising: their rows are left out and counted.
  assert.ok(main.report.kAnonymity.rowsSuppressed > 0);
  assert.equal(main.report.kAnonymity.rowsSuppressed, inputRows.length - body.length);
  assert.equal(main.report.kAnonymity.isSatisfied, true);
  assert.ok(main.report.kAnonymity.kAchieved! >= 5);
  assert.equal(main.report.risk.after.shareAboveOneOverK, 0);
  assert.ok(main.report.risk.before.maxRisk! > main.report.risk.after.maxRisk!);
});

test('the report and datasheet give counts, policy hash, domain and utility, but not the key', () => {
  const policyText = readFileSync(join(work, 'main.policy.json'), 'utf8');
  const policySha = createHash('sha256').update(policyText).digest('hex');
  assert.equal(main.report.policy.sha256, policySha);
  assert.equal(main.report.pseudonyms.domain, 'research-a');
  const sheet = JSON.parse(writtenFiles[3]!) as {
    policy: { sha256: string };
    composition: { rowsRead: number; period: { firstMonth: string } };
  };
  assert.equal(sheet.policy.sha256, policySha);
  assert.equal(sheet.composition.rowsRead, inputRows.length);
  assert.match(sheet.composition.period.firstMonth, /^2024-01$/);
  assert.match(writtenFiles[2]!, /research-a/);
  assert.ok(main.report.utility !== null);
  assert.ok(main.report.utility.aucOriginal !== null && main.report.utility.aucExtract !== null);
});

test('the same person gets unrelated pseudonyms in another domain and the same one in the same', async () => {
  const again = readCsv((await run('again')).outPath).slice(1);
  const other = readCsv((await run('other', { domain: 'research-b' })).outPath).slice(1);
  assert.deepEqual(
    again.map((row) => row[0]),
    body.map((row) => row[0]),
  );
  const inMain = new Set(body.map((row) => row[0]));
  for (const row of other) assert.equal(inMain.has(row[0]), false);
});

test('a new key version re-pseudonymises with its own label', async () => {
  const rotatedPath = join(work, 'rotated.json');
  const { readKeyFile } = await import('../../src/privacy/keyFile.ts');
  await writeKeyFile(rotatedPath, createKeyFileText(await readKeyFile(keyPath)));
  const v1 = readCsv(
    (await run('rot-v1', { keyPath: rotatedPath, keyVersion: 'v1' })).outPath,
  ).slice(1);
  const v2 = readCsv((await run('rot-v2', { keyPath: rotatedPath })).outPath).slice(1);
  assert.deepEqual(
    v1.map((row) => row[0]),
    body.map((row) => row[0]),
  );
  assert.match(v2[0]![0]!, /^v2:/);
  assert.notEqual(v2[0]![0]!.slice(3), body[0]![0]!.slice(3));
});

test('a column the policy does not name is refused by its name', async () => {
  const columns: Record<string, unknown> = { ...fixturePolicy.columns };
  delete columns['iban'];
  const error = await refusal(run('unnamed', { policy: { ...fixturePolicy, columns } }));
  assert.equal(error.code, 'INVALID_INPUT');
  assert.deepEqual(
    error.issues.map((issue) => issue.column),
    ['iban'],
  );
  assert.equal(existsSync(join(work, 'unnamed.csv')), false);
});

test('identifier-looking columns marked keep are refused by name, never with a value', async () => {
  const columns = {
    ...fixturePolicy.columns,
    name: { action: 'keep' },
    bsn: { action: 'keep' },
    email: { action: 'keep' },
    phone: { action: 'keep' },
    address: { action: 'keep' },
    iban: { action: 'keep' },
  };
  const error = await refusal(
    run('identifiers', {
      policy: { ...fixturePolicy, quasiIdentifiers: ['birth_date', 'sex'], columns },
    }),
  );
  assert.deepEqual(error.issues.map((issue) => issue.column).sort(), [
    'address',
    'bsn',
    'email',
    'iban',
    'name',
    'phone',
  ]);
  const text = formatError(error);
  for (const person of people) {
    for (const value of originalValues(person)) assert.equal(text.includes(value), false);
  }
  assert.equal(existsSync(join(work, 'identifiers.csv')), false);
});

test('a BSN column let through by a top-code rule is refused by name too', async () => {
  const columns = {
    ...fixturePolicy.columns,
    bsn: { action: 'generalise', rule: { rule: 'top-code', cap: 999_999_999 } },
  };
  const error = await refusal(run('topcoded', { policy: { ...fixturePolicy, columns } }));
  assert.deepEqual(
    error.issues.map((issue) => [
      issue.column,
      issue.message.startsWith('is marked generalise (top-code)'),
    ]),
    [['bsn', true]],
  );
});

test('an unreadable value is refused by row and column, leaving no file and an old extract intact', async () => {
  const badPath = join(work, 'bad.csv');
  const lines = readFileSync(inPath, 'utf8').trimEnd().split('\n');
  const last = lines.at(-1)!.split(',');
  const birthIndex = fixtureHeader.indexOf('birth_date');
  last[birthIndex] = '1980-13-45';
  lines[lines.length - 1] = last.join(',');
  writeFileSync(badPath, `${lines.join('\n')}\n`);
  writeFileSync(join(work, 'kept.csv'), 'an older extract\n');
  const before = readdirSync(work).sort();
  const error = await refusal(run('kept', { inPath: badPath }));
  assert.deepEqual(
    error.issues.map((issue) => [issue.row, issue.column]),
    [[lines.length, 'birth_date']],
  );
  assert.equal(formatError(error).includes('1980-13-45'), false);
  assert.equal(readFileSync(join(work, 'kept.csv'), 'utf8'), 'an older extract\n');
  assert.deepEqual(
    readdirSync(work)
      .filter((name) => !name.startsWith('kept.policy'))
      .sort(),
    before.filter((name) => !name.startsWith('kept.policy')),
  );
});
