import { z } from 'zod';
import { column, type CsvTable } from '../sources/canonical/csvTable.ts';
import { identitySchema, type Identity } from './identities.ts';
import type { EpisodeTruth } from './synthTypes.ts';

const probability = z.number().min(0).max(1);

export const episodeTruthSchema = z.strictObject({
  episodeId: z.string().min(1).max(128),
  employeeId: z.string().min(1).max(128),
  pOver6Weeks: probability,
  pOver13Weeks: probability,
  pOver42Weeks: probability,
  pOver52Weeks: probability,
  pOver104Weeks: probability,
});

/** truth.csv: for evaluating models against the generator's own probabilities, never as input. */
export const truthTable: CsvTable<EpisodeTruth> = {
  fileName: 'truth.csv',
  schema: episodeTruthSchema,
  columns: [
    column('episodeId', 'text', { isRequired: true }),
    column('employeeId', 'text', { isRequired: true }),
    column('pOver6Weeks', 'number', { isRequired: true }),
    column('pOver13Weeks', 'number', { isRequired: true }),
    column('pOver42Weeks', 'number', { isRequired: true }),
    column('pOver52Weeks', 'number', { isRequired: true }),
    column('pOver104Weeks', 'number', { isRequired: true }),
  ],
};

/** identities.csv: only with --identifiable, as input for the pseudonymisation work. */
export const identityTable: CsvTable<Identity> = {
  fileName: 'identities.csv',
  schema: identitySchema,
  columns: [
    column('employeeId', 'text', { isRequired: true }),
    column('firstName', 'text', { isRequired: true }),
    column('lastName', 'text', { isRequired: true }),
    column('bsn', 'text', { isRequired: true }),
    column('dateOfBirth', 'text', { isRequired: true }),
    column('postcode', 'text', { isRequired: true }),
    column('houseNumber', 'integer', { isRequired: true }),
    column('email', 'text', { isRequired: true }),
    column('phone', 'text', { isRequired: true }),
  ],
};
