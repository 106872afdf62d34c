import type { Employee } from '../core/canonical/employee.ts';
import type { Episode } from '../core/canonical/episode.ts';
import type { SectorName } from './calibration.ts';

/** A team and the case manager (casemanager) who runs its absence cases. */
export interface SynthTeam {
  team: string;
  sector: SectorName;
  caseManagerId: string;
}

/**
 * For evaluation only: the generator's own probabilities that an episode lasts more than each legal
 * horizon, given everything it knew at the sick report (lawful facts and its latent draws).
 */
export interface EpisodeTruth {
  episodeId: string;
  employeeId: string;
  pOver6Weeks: number;
  pOver13Weeks: number;
  pOver42Weeks: number;
  pOver52Weeks: number;
  pOver104Weeks: number;
}

export interface GeneratedEmployee {
  employee: Employee;
  /** In order of sick report; those running on or after the first day of the period. */
  episodes: Episode[];
  /** One per episode, in the same order. */
  truths: EpisodeTruth[];
}
