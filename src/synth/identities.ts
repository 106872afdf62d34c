import { z } from 'zod';
import type { Employee } from '../core/canonical/employee.ts';
import { isoDateSchema } from '../core/canonical/dates.ts';
import type { Random } from '../core/random.ts';
import { bsnOfEmployee, isValidBsn } from './bsn.ts';
import { dayNumberOf, isoFromDayNumber } from './dayNumber.ts';

/**
 * Directly identifying data of a synthetic employee, only for testing pseudonymisation. Every
 * value is made up: names from a short list, a BSN from a synthetic range, example.* e-mail domains.
 */
export const identitySchema = z.strictObject({
  employeeId: z.string().min(1).max(128),
  firstName: z.string().min(1).max(64),
  lastName: z.string().min(1).max(64),
  bsn: z.string().refine(isValidBsn, 'not a valid BSN (9 digits passing the 11-check)'),
  dateOfBirth: isoDateSchema,
  postcode: z.string().regex(/^[1-9]\d{3} [A-Z]{2}$/, 'expected a postcode as 1234 AB'),
  houseNumber: z.number().int().min(1).max(9999),
  email: z
    .string()
    .regex(/^[^@\s]+@example\.(nl|com|org)$/, 'expected an example.* e-mail address'),
  phone: z.string().regex(/^06-\d{8}$/, 'expected a mobile number as 06-12345678'),
});

export type Identity = z.infer<typeof identitySchema>;

const femaleFirstNames = [
  'Anna',
  'Emma',
  'Sophie',
  'Julia',
  'Lotte',
  'Sanne',
  'Fleur',
  'Anouk',
  'Lisa',
  'Eva',
  'Noor',
  'Iris',
  'Maaike',
  'Ingrid',
  'Marieke',
  'Femke',
];
const maleFirstNames = [
  'Jan',
  'Daan',
  'Sem',
  'Lucas',
  'Bram',
  'Thijs',
  'Ruben',
  'Pieter',
  'Kees',
  'Joost',
  'Sander',
  'Wouter',
  'Bas',
  'Henk',
  'Maarten',
  'Niels',
];
const lastNames = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
];
const emailDomains = ['example.nl', 'example.com', 'example.org'];
/** Letter pairs that PostNL does not use in postcodes. */
const unusedPostcodeLetters = new Set(['SA', 'SD', 'SS']);
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Makes identities from its own random stream, so other files do not change when asked for. The
 * BSN follows from the employee's number (1-based, in the order of employees.csv) and `firstBsnPair`,
 * which varies it from run to run.
 */
export function createIdentityMaker(
  random: Random,
  firstBsnPair: number,
): (employee: Employee, employeeNumber: number) => Identity {
  return (employee, employeeNumber) => {
    const firstNames = employee.sex === 'female' ? femaleFirstNames : maleFirstNames;
    const firstName = pick(firstNames, random);
    const lastName = pick(lastNames, random);
    const birthYear = employee.birthYear ?? 1980;
    const yearDays = dayNumberOf(birthYear + 1, 1, 1) - dayNumberOf(birthYear, 1, 1);
    let postcodeLetters = '';
    do
      postcodeLetters = letters[random.int(letters.length)]! + letters[random.int(letters.length)]!;
    while (unusedPostcodeLetters.has(postcodeLetters));
    const mailbox = `${firstName}.${lastName}.${employee.employeeId}`
      .toLowerCase()
      .replaceAll(' ', '');
    return {
      employeeId: employee.employeeId,
      firstName,
      lastName,
      bsn: bsnOfEmployee(employeeNumber, firstBsnPair, random),
      dateOfBirth: isoFromDayNumber(dayNumberOf(birthYear, 1, 1) + random.int(yearDays)),
      postcode: `${1000 + random.int(9000)} ${postcodeLetters}`,
      houseNumber: 1 + random.int(200),
      email: `${mailbox}@${pick(emailDomains, random)}`,
      phone: `06-${String(random.int(100_000_000)).padStart(8, '0')}`,
    };
  };
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[random.int(items.length)]!;
}
