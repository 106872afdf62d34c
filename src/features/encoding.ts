import type { FeatureSpec, FeatureValue } from './featureSpec.ts';

/**
 * How one model input column is made from a feature value: numeric values centred and scaled,
 * a 0/1 column for a numeric value that was missing in training, one 0/1 column per category.
 * Every column is centred on its training mean, so a zero row is the average case and a
 * coefficient times the column value is that column's contribution against the average.
 */
export type EncodedColumn =
  | { kind: 'numeric'; feature: string; center: number; scale: number }
  | { kind: 'missing'; feature: string; center: number }
  | { kind: 'category'; feature: string; category: string; center: number };

export interface Encoding {
  columns: EncodedColumn[];
}

/** Learns the encoding from the training values: rows of values in the order of `features`. */
export function fitEncoding(
  features: readonly FeatureSpec[],
  rows: readonly (readonly FeatureValue[])[],
): Encoding {
  const columns: EncodedColumn[] = [];
  features.forEach((spec, j) => {
    const values = rows.map((row) => row[j]);
    if (spec.kind === 'numeric') {
      const observed = values.filter((v): v is number => typeof v === 'number');
      const center = mean(observed);
      const sd = Math.sqrt(mean(observed.map((v) => (v - center) ** 2)));
      columns.push({ kind: 'numeric', feature: spec.name, center, scale: sd > 1e-12 ? sd : 1 });
      const missingShare = (values.length - observed.length) / Math.max(1, values.length);
      if (missingShare > 0)
        columns.push({ kind: 'missing', feature: spec.name, center: missingShare });
    } else {
      const counts = new Map<string, number>();
      for (const value of values) {
        if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      for (const category of [...counts.keys()].sort(compareCategories)) {
        const center = (counts.get(category) ?? 0) / Math.max(1, values.length);
        columns.push({ kind: 'category', feature: spec.name, category, center });
      }
    }
  });
  return { columns };
}

/**
 * Encodes one row of values. A missing numeric value sits at the training mean (plus its missing
 * column when training saw missing values); an unseen category sets none of its columns.
 */
export function encodeRow(
  encoding: Encoding,
  features: readonly FeatureSpec[],
  values: readonly FeatureValue[],
): Float64Array {
  return rowEncoder(encoding, features)(values);
}

/** `encodeRow` with the columns' features looked up once, for scoring one row at a time. */
export function rowEncoder(
  encoding: Encoding,
  features: readonly FeatureSpec[],
): (values: readonly FeatureValue[]) => Float64Array {
  const indexOf = new Map(features.map((spec, j) => [spec.name, j]));
  const { columns } = encoding;
  const featureOf = columns.map((column) => indexOf.get(column.feature) ?? -1);
  return (values) => {
    const row = new Float64Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      const value = values[featureOf[c]!];
      switch (column.kind) {
        case 'numeric':
          row[c] = typeof value === 'number' ? (value - column.center) / column.scale : 0;
          break;
        case 'missing':
          row[c] = (value === undefined ? 1 : 0) - column.center;
          break;
        case 'category':
          row[c] = (value === column.category ? 1 : 0) - column.center;
          break;
        default: {
          const unreachable: never = column;
          throw new Error(`unknown column kind ${String(unreachable)}`);
        }
      }
    }
    return row;
  };
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

// Numeric codes sort as numbers ("2" before "10"), anything else as text.
function compareCategories(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b);
}

/**
 * Per column, what to add to an encoded row to undo the centring of its 0/1 columns. Fitting on
 * such rows gives the same coefficients (centring only moves the intercept) on sparse rows.
 */
export function indicatorCenters(encoding: Encoding): Float64Array {
  return Float64Array.from(encoding.columns, (column) =>
    column.kind === 'numeric' ? 0 : column.center,
  );
}
