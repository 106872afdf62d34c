import { minimumRetentionMonths } from '../service/purposeRegister.ts';
import type { Role } from '../service/roles.ts';

/** Who each role is and what it may do; a Record, so a new role cannot go undocumented. */
export const roleDescriptions: Record<Role, { en: string; nl: string }> = {
  'case-manager': {
    en: 'case manager: guides the sick employee under the Wet verbetering poortwachter; sees employer-context indications',
    nl: 'casemanager: begeleidt de zieke werknemer onder de Wet verbetering poortwachter; ziet indicaties in de werkgeverscontext',
  },
  'occupational-physician': {
    en: 'occupational physician (bedrijfsarts): assesses under medical secrecy; may see indications that use health data',
    nl: 'bedrijfsarts: beoordeelt onder medisch beroepsgeheim; mag indicaties zien die gezondheidsgegevens gebruiken',
  },
  employer: {
    en: 'employer: sees employer-context indications only, never health data',
    nl: 'werkgever: ziet alleen indicaties in de werkgeverscontext, nooit gezondheidsgegevens',
  },
  dpo: {
    en: 'data protection officer (FG): reads oversight reports and runs the data-subject desk (access, objection, contest)',
    nl: 'functionaris gegevensbescherming (FG): leest toezichtrapporten en behandelt verzoeken van betrokkenen (inzage, bezwaar, betwisting)',
  },
  'data-scientist': {
    en: 'data scientist: works on pseudonymised extracts and aggregates; scores no one',
    nl: 'datawetenschapper: werkt met gepseudonimiseerde extracten en totalen; scoort niemand',
  },
  admin: {
    en: 'administrator: manages users, the kill switch and the activation record; scores no one',
    nl: 'beheerder: beheert gebruikers, de noodstop en de activering; scoort niemand',
  },
};

/** Retention of what the service itself keeps, apart from each purpose's own period. */
export const serviceRetention = [
  {
    what: 'event log (time, model version, purpose, role, case pseudonym, band, hash of the explanation)',
    period: `at least ${minimumRetentionMonths} months; the service purges older entries daily (\`absencelab serve --event-log-retention-months\`, by default the longest retention period in the purpose register), and \`absencelab audit purge\` does so on request (never below ${minimumRetentionMonths} months)`,
  },
  {
    what: 'explanation per prediction (probability, band, factors and their contributions, without the values read; factors that rest on medical information only counted), keyed by the employee pseudonym',
    period: 'the same as the event log entry it belongs to; deleted with it',
  },
  {
    what: 'decisions of professionals (outcome, reason)',
    period: 'the same as the prediction they are about; deleted with it',
  },
  {
    what: 'objections (employee pseudonym and date)',
    period: 'as long as the objection stands: without it the employee would be scored again',
  },
  {
    what: 'records of withdrawn objections (employee pseudonym, dates, who recorded them)',
    period: 'the event log period after the withdrawal; deleted by the daily purge',
  },
  {
    what: 'contests (employee pseudonym, prediction, reason, review outcome)',
    period: 'while open; once closed, until the prediction leaves the event log (deleted with it)',
  },
] as const;

/** Technical and organisational measures (GDPR art. 32) the software itself provides. */
export const securityMeasures = [
  'Case ids and employee ids appear only as keyed pseudonyms (HMAC-SHA-256 with a key per tenant); input cases are scored in memory and never stored.',
  'Each purpose has an allow-list of fields; fields outside it are dropped before validation and named to the caller.',
  'Features carry the contexts in which they are lawful; employer-context models never read health data.',
  'Bearer tokens per user and role; only a hash of each token is kept; every query is limited to the caller’s tenant.',
  'A hash-chained event log of every prediction and decision, checked with `absencelab audit verify`.',
  'A kill switch per tenant and for all tenants stops all scoring at once.',
  'Scoring is refused until the tenant records that the DPIA is done and the works council was informed.',
  'Error messages and log lines never hold an input value.',
] as const;

export { contestDeadlineMonths } from '../service/contests.ts';
