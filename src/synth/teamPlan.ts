import { createRandom, type Random } from '../core/random.ts';
import { sectorNames, sectorProfiles, type SectorName } from './calibration.ts';
import type { SynthTeam } from './synthTypes.ts';

/** One team of the plan: everything about it that is fixed before its members are drawn. */
export interface PlannedTeam {
  /** 1-based position in teams.csv; the team's own random streams derive from it. */
  teamIndex: number;
  team: SynthTeam;
  /** 1-based number of the team's first employee; the other members follow it in order. */
  firstEmployeeNumber: number;
  size: number;
}

/** A case manager runs the cases of about this many teams of one sector. */
const teamsPerCaseManager = 20;
const smallestTeamSize = 5;
const largestTeamSize = 30;

/** Salts that keep a run's kinds of team stream apart (identities must not move other files). */
const teamStreamSalts = { members: 0x7ea35eed, identities: 0x1d5a17 } as const;

/** Digits of an employee number: at least six, more for populations of ten million and up. */
export function employeeNumberDigits(employeeCount: number): number {
  return Math.max(6, String(employeeCount).length);
}

export function employeeIdOf(employeeNumber: number, digits: number): string {
  return `E${String(employeeNumber).padStart(digits, '0')}`;
}

/**
 * The team plan: sector, size, id and case manager of every team, in order, from the run's master
 * stream (two draws a team). Each team's members are then drawn from a stream of its own
 * (`teamStreamSeed`), so teams can be generated on any thread, in any order, with the same result.
 */
export function* planTeams(employeeCount: number, seed: number): Generator<PlannedTeam> {
  const random = createRandom(seed);
  const digits = employeeNumberDigits(employeeCount);
  const teamsInSector = new Map<SectorName, number>();

  let employeesPlanned = 0;
  for (let teamIndex = 1; employeesPlanned < employeeCount; teamIndex++) {
    const sector = drawSector(random);
    const sectorTeamCount = (teamsInSector.get(sector) ?? 0) + 1;
    teamsInSector.set(sector, sectorTeamCount);
    const size = Math.min(
      smallestTeamSize + random.int(largestTeamSize - smallestTeamSize + 1),
      employeeCount - employeesPlanned,
    );
    yield {
      teamIndex,
      team: {
        team: `T${String(teamIndex).padStart(digits - 1, '0')}`,
        sector,
        caseManagerId: `CM-${sector}-${Math.ceil(sectorTeamCount / teamsPerCaseManager)}`,
      },
      firstEmployeeNumber: employeesPlanned + 1,
      size,
    };
    employeesPlanned += size;
  }
}

/**
 * The seed of one team's stream of a kind. For a given run and kind, distinct teams get distinct
 * seeds: the mix below is a bijection of 32-bit words, so no two teams can share a stream.
 */
export function teamStreamSeed(
  seed: number,
  teamIndex: number,
  kind: keyof typeof teamStreamSalts,
): number {
  const base = mix32((seed ^ teamStreamSalts[kind]) >>> 0);
  return mix32((base + teamIndex) >>> 0);
}

/** MurmurHash3's finaliser: neighbouring inputs give unrelated outputs. */
function mix32(word: number): number {
  let x = word;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

function drawSector(random: Random): SectorName {
  let u = random.next();
  for (const sector of sectorNames) {
    const share = sectorProfiles[sector].employeeShare;
    if (u < share) return sector;
    u -= share;
  }
  return 'care';
}
