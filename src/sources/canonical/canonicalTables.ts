import { z } from 'zod';
import { employeeSchema, type Employee } from '../../core/canonical/employee.ts';
import { episodeSchema, type Episode } from '../../core/canonical/episode.ts';
import { column, type CsvTable } from './csvTable.ts';

/**
 * The canonical CSV layout: one file per record type, a header of the schema's field names.
 * TODO: the free-form `attributes` maps of employees and episodes have no columns yet, so a source
 * that fills them loses them when written in this layout.
 */
export const employeeTable: CsvTable<Employee> = {
  fileName: 'employees.csv',
  schema: employeeSchema,
  idField: 'employeeId',
  columns: [
    column('employeeId', 'text', { isRequired: true }),
    column('sex', 'text'),
    column('birthYear', 'integer'),
    column('ageYears', 'number'),
    column('contractHoursPerWeek', 'number'),
    column('contractType', 'text'),
    column('employmentStartDate', 'text'),
    column('employmentEndDate', 'text', { emptyIs: 'null' }),
    column('tenureYears', 'number'),
    column('team', 'text'),
    column('sector', 'text'),
  ],
};

export const episodeTable: CsvTable<Episode> = {
  fileName: 'episodes.csv',
  schema: episodeSchema,
  idField: 'episodeId',
  columns: [
    column('episodeId', 'text', { isRequired: true }),
    column('employeeId', 'text', { isRequired: true }),
    column('kind', 'text'),
    column('startDate', 'text'),
    column('startMonth', 'text', { isRequired: true }),
    column('startWeekday', 'integer'),
    column('sequence', 'integer'),
    column('endDate', 'text', { emptyIs: 'null' }),
    column('durationHours', 'number'),
    column('durationDays', 'number'),
    column('expectedDurationDays', 'number'),
    column('isSafetyNet', 'boolean'),
    column('isWorkAccident', 'boolean'),
    column('hasLiableThirdParty', 'boolean'),
    column('recoveries', 'recoveries'),
    column('diagnosisCode', 'text', { path: ['medical', 'diagnosisCode'] }),
    column('linkedToEpisodeId', 'text'),
    column('chainStartDate', 'text'),
  ],
};

/** The case manager (casemanager) who runs the absence cases of a team. */
export const teamAssignmentSchema = z.strictObject({
  team: z.string().min(1).max(128),
  sector: z.string().min(1).max(128).optional(),
  caseManagerId: z.string().min(1).max(128),
});

export type TeamAssignment = z.infer<typeof teamAssignmentSchema>;

export const teamAssignmentTable: CsvTable<TeamAssignment> = {
  fileName: 'teams.csv',
  schema: teamAssignmentSchema,
  columns: [
    column('team', 'text', { isRequired: true }),
    column('sector', 'text'),
    column('caseManagerId', 'text', { isRequired: true }),
  ],
};
