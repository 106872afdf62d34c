import { isMedicalField } from '../service/caseFields.ts';

export const fieldCategories = [
  'pseudonymous identifiers',
  'employment and personal circumstances',
  'absence records',
  'work performance',
  'health data: diagnosis',
  'health data: measurements and lifestyle',
] as const;

export type FieldCategory = (typeof fieldCategories)[number];

/** Attributes that describe the body or habits: health data under GDPR art. 9. */
const healthAttributes =
  /^employee\.attributes\.(bmi|weightKg|heightCm|socialDrinker|socialSmoker)$/;
const identifiers = /(^caseId$|\.(employeeId|episodeId)$)/;
const performance = /^episode\.attributes\.(workloadPerDay|hitTargetPct)$/;

/**
 * The category of a purpose's field, as a record of processing names it (GDPR art. 30(1)(c)).
 * TODO: attributes are categorised by name; a new health attribute not in `healthAttributes`
 * would be listed as employment data until it is added there.
 */
export function fieldCategory(path: string): FieldCategory {
  if (isMedicalField(path)) return 'health data: diagnosis';
  if (healthAttributes.test(path)) return 'health data: measurements and lifestyle';
  if (identifiers.test(path)) return 'pseudonymous identifiers';
  if (performance.test(path)) return 'work performance';
  if (path.startsWith('employee.')) return 'employment and personal circumstances';
  return 'absence records';
}

/** Fields grouped by category, in the fixed order of `fieldCategories`; empty groups left out. */
export function groupFields(
  fields: readonly string[],
): { category: FieldCategory; fields: string[] }[] {
  return fieldCategories
    .map((category) => ({ category, fields: fields.filter((f) => fieldCategory(f) === category) }))
    .filter((group) => group.fields.length > 0);
}

export function isHealthCategory(category: FieldCategory): boolean {
  return category.startsWith('health');
}
