import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createCsvParser } from '../../src/privacy/io/parseCsvText.ts';
import { createKeyFileText, writeKeyFile } from '../../src/privacy/keyFile.ts';
import { runPseudonymisation } from '../../src/privacy/runPseudonymisation.ts';
import { writeSynthPopulation } from '../../src/synth/writeSynthPopulation.ts';
import { temporaryDirectory } from '../support/paths.ts';

const work = temporaryDirectory('privacy-synth');

/** The generator's episodes joined with employees and identities: an identifiable export. */
async function joinToParquet(dir: string, out: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const csv = (name: string) => `read_csv('${join(dir, name)}', all_varchar = true)`;
  try {
    await connection.run(
      `COPY (SELECT ep.employeeId, id.firstName || ' ' || id.lastName AS name, id.bsn, ` +
        `CAST(id.dateOfBirth AS DATE) AS dateOfBirth, id.postcode || ' ' || id.houseNumber AS address, ` +
        `id.email, id.phone, em.sex, em.contractType, em.team, em.sector, ep.episodeId, ` +
        `ep.startDate, ep.endDate, ep.durationDays, ep.expectedDurationDays, ep.diagnosisCode ` +
        `FROM ${csv('episodes.csv')} ep JOIN ${csv('employees.csv')} em USING (employeeId) ` +
        `JOIN ${csv('identities.csv')} id USING (employeeId) ORDER BY ep.episodeId) ` +
        `TO '${out}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('an extract of the synthetic identifiable workforce holds none of its identities', async () => {
  const synthDir = join(work, 'synth');
  await writeSynthPopulation({
    employeeCount: 400,
    years: 2,
    seed: 7,
    startYear: 2023,
    outDir: synthDir,
    isIdentifiable: true,
  });
  const inPath = join(work, 'identifiable.parquet');
  await joinToParquet(synthDir, inPath);
  const keyPath = join(work, 'key.json');
  await writeKeyFile(keyPath, createKeyFileText());
  const policyPath = join(work, 'policy.json');
  writeFileSync(
    policyPath,
    JSON.stringify({
      columns: {
        employeeId: { action: 'pseudonymise' },
        name: { action: 'drop' },
        bsn: { action: 'drop' },
        dateOfBirth: { action: 'generalise', rule: { rule: 'age-band', widthYears: 10 } },
        address: { action: 'generalise', rule: { rule: 'region', level: 'province' } },
        email: { action: 'drop' },
        phone: { action: 'drop' },
        sex: { action: 'keep' },
        contractType: { action: 'keep' },
        team: { action: 'drop' },
        sector: { action: 'keep' },
        episodeId: { action: 'pseudonymise' },
        startDate: { action: 'generalise', rule: { rule: 'relative-weeks' } },
        endDate: { action: 'generalise', rule: { rule: 'relative-weeks' } },
        durationDays: { action: 'generalise', rule: { rule: 'top-code', quantile: 0.99 } },
        expectedDurationDays: { action: 'generalise', rule: { rule: 'top-code', cap: 90 } },
        diagnosisCode: { action: 'generalise', rule: { rule: 'rare-category', minCount: 10 } },
      },
      quasiIdentifiers: ['dateOfBirth', 'address', 'sex', 'sector'],
      k: 5,
      subjectColumn: 'employeeId',
      referenceDate: '2026-01-01',
      utility: {
        target: { column: 'durationDays', above: 42 },
        features: ['dateOfBirth', 'sex', 'contractType', 'sector', 'expectedDurationDays'],
      },
    }),
  );
  const outPath = join(work, 'extract.csv');
  const report = await runPseudonymisation({
    inPath,
    policyPath,
    keyFilePath: keyPath,
    domain: 'research-synth',
    outPath,
    reportPath: join(work, 'report.json'),
  });
  assert.equal(report.kAnonymity.isSatisfied, true);
  assert.ok(report.output.rows > 0.8 * report.input.rows);
  assert.ok(report.utility !== null && report.utility.aucExtract !== null);

  const parser = createCsvParser();
  const identities: string[][] = [];
  parser.push(readFileSync(join(synthDir, 'identities.csv'), 'utf8'), identities);
  parser.end(identities);
  const written = [
    outPath,
    join(work, 'report.json'),
    `${outPath}.datasheet.md`,
    `${outPath}.datasheet.json`,
  ].map((path) => readFileSync(path, 'utf8'));
  const [, firstName, lastName, bsn, dateOfBirth, postcode, houseNumber, email, phone] =
    identities[0]!.map((_, i) => i);
  for (const identity of identities.slice(1)) {
    const values = [
      `${identity[firstName!]!} ${identity[lastName!]!}`,
      identity[bsn!]!,
      identity[dateOfBirth!]!,
      identity[postcode!]!,
      `${identity[postcode!]!} ${identity[houseNumber!]!}`,
      identity[email!]!,
      identity[phone!]!,
      identity[0]!,
    ];
    for (const value of values) {
      for (const text of written) assert.equal(text.includes(value), false);
    }
  }
});
