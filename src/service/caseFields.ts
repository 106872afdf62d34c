import { employeeSchema } from '../core/canonical/employee.ts';
import { episodeSchema, recoverySchema } from '../core/canonical/episode.ts';

/** Paths a purpose may allow: `employee.ageYears`, `history.durationHours` (every entry). */
function episodePaths(prefix: string): string[] {
  return Object.keys(episodeSchema.shape).flatMap((key) => {
    if (key === 'medical') return [`${prefix}.medical`, `${prefix}.medical.diagnosisCode`];
    if (key === 'recoveries') {
      return [
        `${prefix}.recoveries`,
        ...Object.keys(recoverySchema.shape).map((inner) => `${prefix}.recoveries.${inner}`),
      ];
    }
    return [`${prefix}.${key}`];
  });
}

export const knownCaseFields: ReadonlySet<string> = new Set([
  'caseId',
  ...Object.keys(employeeSchema.shape).map((key) => `employee.${key}`),
  ...episodePaths('episode'),
  ...episodePaths('history'),
]);

/** Source-specific attributes are records: any key below them is a known field. */
const attributePrefixes = ['employee.attributes.', 'episode.attributes.', 'history.attributes.'];

export function isKnownCaseField(path: string): boolean {
  return knownCaseFields.has(path) || attributePrefixes.some((p) => path.startsWith(p));
}

/**
 * The fields without which a case cannot be read or answered: pseudonymous ids that join an
 * episode to its employee and history, and the month that orders them. Every purpose that scores
 * cases must allow them, so the register shows in full what is processed.
 */
export const requiredCaseFields: readonly string[] = [
  'caseId',
  'employee.employeeId',
  'episode.episodeId',
  'episode.employeeId',
  'episode.startMonth',
  'history.episodeId',
  'history.employeeId',
  'history.startMonth',
];

/** Medical fields: the occupational physician's domain under medical secrecy. */
export function isMedicalField(path: string): boolean {
  return /^(episode|history)\.medical(\.|$)/.test(path);
}
