import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An employer's identifiable export of a synthetic workforce (`absencelab synth --identifiable`):
 * each episode joined with its employee and the employee's identity, names and all, one row per
 * episode. Its columns carry the canonical names where they hold canonical fields.
 */
export async function exportIdentifiableEpisodes(
  synthDir: string,
  outPath: string,
  format: 'csv' | 'parquet' = 'csv',
): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const table = (name: string) => `read_csv('${join(synthDir, name)}', all_varchar = true)`;
  try {
    await connection.run(
      `COPY (SELECT ep.employeeId, id.firstName || ' ' || id.lastName AS name, id.bsn, ` +
        `id.dateOfBirth, id.postcode || ' ' || id.houseNumber AS address, id.email, id.phone, ` +
        `em.sex, em.birthYear, em.contractHoursPerWeek, em.contractType, ` +
        `em.employmentStartDate, em.team, em.sector, ep.episodeId, ep.kind, ep.startDate, ` +
        `ep.endDate, ep.durationDays, ep.expectedDurationDays, ep.isSafetyNet, ` +
        `ep.isWorkAccident, ep.hasLiableThirdParty, ep.diagnosisCode ` +
        `FROM ${table('episodes.csv')} ep JOIN ${table('employees.csv')} em USING (employeeId) ` +
        `JOIN ${table('identities.csv')} id USING (employeeId) ORDER BY ep.episodeId) ` +
        `TO '${outPath}' (FORMAT ${format})`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * A policy that keeps what the time-to-event model needs: identities dropped, ids pseudonymised,
 * dates as relative weeks, the birth year as an age band, counts top-coded, diagnoses merged when
 * rare; k-anonymity on age band, sex and sector, counted in persons. The observed period is the
 * synthetic manifest's.
 */
export function trainingPolicy(synthDir: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(synthDir, 'manifest.json'), 'utf8')) as {
    period: { firstDay: string; lastDay: string };
  };
  return {
    columns: {
      employeeId: { action: 'pseudonymise' },
      name: { action: 'drop' },
      bsn: { action: 'drop' },
      dateOfBirth: { action: 'drop' },
      address: { action: 'drop' },
      email: { action: 'drop' },
      phone: { action: 'drop' },
      sex: { action: 'keep' },
      birthYear: { action: 'generalise', rule: { rule: 'age-band', widthYears: 5 } },
      contractHoursPerWeek: { action: 'generalise', rule: { rule: 'top-code', cap: 40 } },
      contractType: { action: 'keep' },
      employmentStartDate: { action: 'generalise', rule: { rule: 'relative-weeks' } },
      team: { action: 'drop' },
      sector: { action: 'keep' },
      episodeId: { action: 'pseudonymise' },
      kind: { action: 'keep' },
      startDate: { action: 'generalise', rule: { rule: 'relative-weeks' } },
      endDate: { action: 'generalise', rule: { rule: 'relative-weeks' } },
      durationDays: { action: 'generalise', rule: { rule: 'top-code', quantile: 0.99 } },
      expectedDurationDays: { action: 'generalise', rule: { rule: 'top-code', cap: 90 } },
      isSafetyNet: { action: 'keep' },
      isWorkAccident: { action: 'keep' },
      hasLiableThirdParty: { action: 'keep' },
      diagnosisCode: { action: 'generalise', rule: { rule: 'rare-category', minCount: 10 } },
    },
    quasiIdentifiers: ['birthYear', 'sex', 'sector'],
    k: 5,
    subjectColumn: 'employeeId',
    referenceDate: '2026-01-01',
    observedPeriod: manifest.period,
    origin: {
      source: 'absencelab synth --identifiable, joined as an employer export',
      originalPurpose: 'testing',
      extractPurpose: 'training and evaluating the absence model on an extract',
    },
    utility: {
      target: { column: 'durationDays', above: 42 },
      features: ['birthYear', 'sex', 'contractType', 'sector', 'expectedDurationDays'],
    },
  };
}
