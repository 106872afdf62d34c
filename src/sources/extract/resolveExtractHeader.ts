import { AppError, type InputIssue } from '../../core/errors.ts';
import { cellKindOf, extractFields, fieldsNotFromExtracts } from './extractColumns.ts';
import type { ExtractDatasheet, ExtractValueFormat } from './extractDatasheet.ts';
import type { ResolvedColumn } from './readExtractDataset.ts';

/**
 * Matches the extract's header with its datasheet and the canonical fields. Everything that cannot
 * be mapped back is refused at once, each column named: a column the datasheet does not describe
 * (by position, since such a header may carry data), one that is no canonical field, one whose
 * format cannot give the field (a region, an age band as a team), dates in blocks of weeks where
 * durations are computed, and required fields that are missing or hidden in every row.
 */
export function resolveExtractHeader(
  header: readonly string[],
  datasheet: ExtractDatasheet,
  file: string,
): { columns: ResolvedColumn[]; hiddenFields: string[] } {
  const formatByName = new Map(datasheet.fields.map((field) => [field.name, field.format]));
  const issues: InputIssue[] = [];
  const columns: ResolvedColumn[] = [];
  const hiddenFields: string[] = [];
  const seen = new Set<string>();

  header.forEach((rawName, index) => {
    const name = rawName.trim();
    const format = formatByName.get(name);
    if (format === undefined || format.kind === 'dropped') {
      issues.push({
        file,
        column: `#${index + 1}`,
        message: 'is not described by the datasheet.',
        hint: 'Use the extract and the datasheet that were written together.',
      });
      return;
    }
    if (seen.has(name)) {
      issues.push({ file, column: name, message: 'appears twice in the header.' });
      return;
    }
    seen.add(name);
    const reason = fieldsNotFromExtracts[name];
    if (reason !== undefined) {
      issues.push({ file, column: name, message: reason });
      return;
    }
    const field = extractFields[name];
    if (field === undefined) {
      issues.push({
        file,
        column: name,
        message: `(${describeFormat(format)}) is not a field of the canonical records.`,
        hint:
          'Drop it in the policy, or name it as the canonical employee or episode field it ' +
          'holds (a birth date or year generalised to an age band is birthYear).',
      });
      return;
    }
    if (format.kind === 'suppressed') {
      if (field.isRequired) {
        issues.push({
          file,
          column: name,
          message: 'is hidden (*) in every row, and every episode needs it.',
          hint: 'Take it out of the quasi-identifiers of the policy.',
        });
      } else {
        hiddenFields.push(name);
      }
      return;
    }
    if (!field.accepts.includes(format.kind)) {
      issues.push({
        file,
        column: name,
        message: `is ${describeFormat(format)}, which cannot be read back as ${name}.`,
        hint: `Give it one of: ${field.accepts.map((kind) => describeKind(kind)).join(', ')}.`,
      });
      return;
    }
    if (format.kind === 'relative-weeks' && format.blockWeeks > 1 && !field.allowsWeekBlocks) {
      issues.push({
        file,
        column: name,
        message: `is in blocks of ${format.blockWeeks} weeks; durations need whole weeks.`,
        hint: 'Take it out of the quasi-identifiers of the policy, so that it stays in weeks.',
      });
      return;
    }
    columns.push({ index, name, field, format, kind: cellKindOf(name, format) });
  });

  for (const [name, field] of Object.entries(extractFields)) {
    if (field.isRequired && !seen.has(name)) {
      issues.push({
        file,
        column: name,
        message: 'is needed and is not in the extract.',
        hint:
          name === 'endDate' || name === 'startDate'
            ? 'Keep it in the policy as relative weeks.'
            : 'Keep it in the policy, pseudonymised.',
      });
    }
  }
  const references = new Set(
    columns.flatMap((c) => ('referenceDate' in c.format ? [c.format.referenceDate] : [])),
  );
  if (references.size > 1) {
    issues.push({ file, message: 'the datasheet names more than one reference date.' });
  }
  if (issues.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `${file} has columns that cannot be mapped to canonical records.`,
      issues,
    );
  }
  return { columns, hiddenFields };
}

function describeKind(kind: ExtractValueFormat['kind']): string {
  switch (kind) {
    case 'dropped':
      return 'dropped';
    case 'pseudonym':
      return 'a pseudonym';
    case 'as-is':
      return 'kept as is';
    case 'suppressed':
      return 'hidden (*)';
    case 'age-band':
      return 'an age band';
    case 'relative-weeks':
      return 'relative weeks';
    case 'region':
      return 'a region';
    case 'category':
      return 'rare categories merged';
    case 'top-coded':
      return 'top-coded';
  }
}

function describeFormat(format: ExtractValueFormat): string {
  return format.kind === 'region' ? `a region (${format.level})` : describeKind(format.kind);
}
