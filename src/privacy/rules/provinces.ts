/**
 * Province by the first two digits of the postcode (PC2). Approximate: a few PC2 areas cross a
 * province border and are given to the province holding most of them.
 * TODO: PC2 areas 13, 38, 42, 53, 58, 77, 82, 83, 93 and 95 straddle a border; with the PC4 table
 * of CBS the province would be exact, now a minority of their addresses lands in a neighbour.
 */
const provinceByPc2Range: ReadonlyArray<[from: number, to: number, province: string]> = [
  [10, 12, 'Noord-Holland'],
  [13, 13, 'Flevoland'],
  [14, 21, 'Noord-Holland'],
  [22, 33, 'Zuid-Holland'],
  [34, 39, 'Utrecht'],
  [40, 41, 'Gelderland'],
  [42, 42, 'Zuid-Holland'],
  [43, 45, 'Zeeland'],
  [46, 57, 'Noord-Brabant'],
  [58, 64, 'Limburg'],
  [65, 73, 'Gelderland'],
  [74, 77, 'Overijssel'],
  [78, 79, 'Drenthe'],
  [80, 81, 'Overijssel'],
  [82, 83, 'Flevoland'],
  [84, 92, 'Friesland'],
  [93, 94, 'Drenthe'],
  [95, 99, 'Groningen'],
];

/** The CBS landsdelen: the next step up from a province. */
const partOfCountry: Readonly<Record<string, string>> = {
  Groningen: 'Noord-Nederland',
  Friesland: 'Noord-Nederland',
  Drenthe: 'Noord-Nederland',
  Overijssel: 'Oost-Nederland',
  Flevoland: 'Oost-Nederland',
  Gelderland: 'Oost-Nederland',
  Utrecht: 'West-Nederland',
  'Noord-Holland': 'West-Nederland',
  'Zuid-Holland': 'West-Nederland',
  Zeeland: 'West-Nederland',
  'Noord-Brabant': 'Zuid-Nederland',
  Limburg: 'Zuid-Nederland',
};

const provinceByPc2: readonly (string | undefined)[] = Array.from(
  { length: 100 },
  (_, pc2) => provinceByPc2Range.find(([from, to]) => pc2 >= from && pc2 <= to)?.[2],
);

export function provinceOfPc2(pc2: number): string | undefined {
  return provinceByPc2[pc2];
}

export function partOfCountryOf(province: string): string | undefined {
  return partOfCountry[province];
}
