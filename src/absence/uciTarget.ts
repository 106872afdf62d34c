import type { Episode } from '../core/canonical/episode.ts';
import { longAbsenceHours } from '../features/historyFeatures.ts';

/** The UCI analogue of a long absence: more than one working day (8 hours). */
export const uciTarget = {
  name: 'absence-over-8-hours',
  description: 'Absence longer than one working day (more than 8 hours)',
  label: (episode: Episode): number => ((episode.durationHours ?? 0) > longAbsenceHours ? 1 : 0),
} as const;
