import { writeFileSync } from 'node:fs';
import { createRandom } from '../../src/core/random.ts';

/** One made-up person per employee id; every value is fake (example.org, BSNs from 9000...). */
export interface FakePerson {
  employeeId: string;
  name: string;
  bsn: string;
  birthDate: string;
  postcode: string;
  address: string;
  email: string;
  phone: string;
  iban: string;
}

const firstNames = ['Anna', 'Jan', 'Sanne', 'Pieter', 'Fleur', 'Kees', 'Iris', 'Bram'];
const lastNames = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Mulder', 'de Boer', 'Bos'];

export const fixtureHeader = [
  'employee_id',
  'name',
  'bsn',
  'birth_date',
  'address',
  'email',
  'phone',
  'iban',
  'sex',
  'team',
  'start_date',
  'duration_days',
  'diagnosis',
];

export const fixturePolicy = {
  columns: {
    employee_id: { action: 'pseudonymise' },
    name: { action: 'drop' },
    bsn: { action: 'drop' },
    birth_date: { action: 'generalise', rule: { rule: 'age-band', widthYears: 5 } },
    address: { action: 'generalise', rule: { rule: 'region', level: 'pc2' } },
    email: { action: 'drop' },
    phone: { action: 'drop' },
    iban: { action: 'drop' },
    sex: { action: 'keep' },
    team: { action: 'keep' },
    start_date: { action: 'generalise', rule: { rule: 'relative-weeks' } },
    duration_days: { action: 'generalise', rule: { rule: 'top-code', quantile: 0.95 } },
    diagnosis: { action: 'generalise', rule: { rule: 'rare-category', minCount: 10 } },
  },
  quasiIdentifiers: ['birth_date', 'address', 'sex'],
  k: 5,
  subjectColumn: 'employee_id',
  referenceDate: '2026-01-01',
  origin: {
    source: 'made-up test data',
    originalPurpose: 'testing',
    extractPurpose: 'testing the extract',
  },
  utility: {
    target: { column: 'duration_days', above: 42 },
    features: ['birth_date', 'sex', 'team', 'diagnosis'],
  },
};

/** A valid BSN from the 9000... range: the last digit is chosen to pass the 11-check. */
function fakeBsn(serial: number): string {
  for (let tail = serial; ; tail++) {
    const first8 = `9${String(tail % 10_000_000).padStart(7, '0')}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(first8[i]) * (9 - i);
    const check = sum % 11;
    if (check < 10) return `${first8}${check}`;
  }
}

/** A valid Dutch IBAN for a made-up bank code TEST: check digits from mod-97. */
function fakeIban(serial: number): string {
  const account = String(serial).padStart(10, '0');
  const numeric = `${[...'TEST'].map((c) => c.charCodeAt(0) - 55).join('')}${account}232100`;
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `NL${String(98 - remainder).padStart(2, '0')}TEST${account}`;
}

export function makePeople(count: number, seed: number): FakePerson[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const first = firstNames[random.int(firstNames.length)]!;
    const last = lastNames[random.int(lastNames.length)]!;
    const postcode = `${1000 + random.int(400)} ${'ABCDEFGH'[random.int(8)]}${'KLMNPR'[random.int(6)]}`;
    const year = 1960 + random.int(40);
    const month = String(1 + random.int(12)).padStart(2, '0');
    const day = String(1 + random.int(28)).padStart(2, '0');
    return {
      employeeId: `P${String(i + 1).padStart(5, '0')}`,
      name: `${first} ${last}`,
      bsn: fakeBsn(1000 + i * 7),
      birthDate: `${year}-${month}-${day}`,
      postcode,
      address: `${postcode} ${1 + random.int(150)}`,
      email: `${first}.${last.replaceAll(' ', '')}.${i}@example.org`.toLowerCase(),
      phone: `06-${String(10_000_000 + random.int(89_999_999))}`,
      iban: fakeIban(4_000_000 + i),
    };
  });
}

/** Writes episodes of the people (one to three each) as an identifiable CSV; returns the rows. */
export function writeFixtureCsv(
  path: string,
  people: readonly FakePerson[],
  seed: number,
): string[][] {
  const random = createRandom(seed + 1);
  const diagnoses = ['respiratory', 'musculoskeletal', 'mental', 'other', 'rare-one'];
  const rows: string[][] = [];
  for (const [index, person] of people.entries()) {
    const episodes = 1 + random.int(3);
    for (let e = 0; e < episodes; e++) {
      const start = new Date(Date.UTC(2024, 0, 1) + random.int(700) * 86_400_000);
      rows.push([
        person.employeeId,
        person.name,
        person.bsn,
        person.birthDate,
        person.address,
        person.email,
        person.phone,
        person.iban,
        index % 2 === 0 ? 'female' : 'male',
        `T${1 + random.int(4)}`,
        start.toISOString().slice(0, 10),
        String(1 + Math.floor(random.next() ** 3 * 300)),
        random.next() < 0.01 ? 'rare-one' : diagnoses[random.int(4)]!,
      ]);
    }
  }
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const text = [fixtureHeader, ...rows].map((row) => row.map(quote).join(',')).join('\n');
  writeFileSync(path, `${text}\n`);
  return rows;
}
