import { AppError, type InputIssue } from '../core/errors.ts';
import { identifierKindOf, identifierKinds, type IdentifierKind } from './identifierDetectors.ts';

/** Rows sampled from the top of the input; enough to see a pattern, cheap on a million rows. */
export const identifierSampleRows = 1000;
/** Share of non-empty sampled values that must look like one kind before a column is refused. */
export const identifierShareThreshold = 0.5;

export interface IdentifierSampler {
  /** Feeds one row; rows past the sample size are ignored. */
  add(row: readonly string[]): void;
  /** True once the sample has all its rows. */
  isFull(): boolean;
  /** Throws INVALID_INPUT naming every kept column that looks like a direct identifier. */
  check(fileName: string): void;
}

/**
 * Samples the columns whose values the policy lets through (keep, and the frequent categories or
 * uncapped numbers of rare-category and top-code) and refuses any that look like direct
 * identifiers (BSN, IBAN, e-mail, phone, full postcode, common names). A policy that keeps such a
 * column is almost surely a mistake, and data protection by default (GDPR art. 25(2)) says to stop
 * rather than publish it. Errors name the column and the kind, never a value.
 * TODO: only the first 1000 rows and whole values are checked: identifiers that appear only later
 * in the file, or inside free text ("bel Jan op 06-..."), pass unnoticed.
 */
export function createIdentifierSampler(
  keptColumns: readonly { index: number; name: string; action: string }[],
): IdentifierSampler {
  const nonEmpty = keptColumns.map(() => 0);
  const matches = keptColumns.map(() => new Map<IdentifierKind, number>());
  let rows = 0;

  return {
    add(row) {
      if (rows >= identifierSampleRows) return;
      rows++;
      keptColumns.forEach((column, i) => {
        const value = row[column.index] ?? '';
        if (value.trim() === '') return;
        nonEmpty[i]!++;
        const kind = identifierKindOf(value);
        if (kind !== undefined) matches[i]!.set(kind, (matches[i]!.get(kind) ?? 0) + 1);
      });
    },
    isFull: () => rows >= identifierSampleRows,
    check(fileName) {
      const issues: InputIssue[] = [];
      keptColumns.forEach((column, i) => {
        const total = nonEmpty[i]!;
        if (total === 0) return;
        for (const kind of identifierKinds) {
          const share = (matches[i]!.get(kind) ?? 0) / total;
          if (share >= identifierShareThreshold) {
            issues.push({
              file: fileName,
              column: column.name,
              message: `is marked ${column.action} but ${Math.round(share * 100)}% of its sampled values look like ${describeKind(kind)}.`,
              hint: 'Drop or pseudonymise it, or generalise it (a postcode to a region).',
            });
            return;
          }
        }
      });
      if (issues.length > 0) {
        throw new AppError(
          'INVALID_INPUT',
          'The policy lets through columns that look like direct identifiers.',
          issues,
        );
      }
    },
  };
}

function describeKind(kind: IdentifierKind): string {
  switch (kind) {
    case 'bsn':
      return 'a BSN (citizen service number)';
    case 'iban':
      return 'an IBAN';
    case 'email':
      return 'an e-mail address';
    case 'phone':
      return 'a phone number';
    case 'postcode':
      return 'a full postcode or address';
    case 'name':
      return 'a person’s name';
  }
}
