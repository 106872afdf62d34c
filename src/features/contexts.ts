/**
 * The contexts in which a feature may lawfully be used. `employer`: what an employer may record
 * about a sick employee (no diagnosis, no health measurements; AP rules on sick employees).
 * `occupational-physician`: the bedrijfsarts' domain under medical secrecy, which may use all.
 */
export const contexts = ['employer', 'occupational-physician'] as const;

export type Context = (typeof contexts)[number];

/** Features lawful for the employer may also be used by the physician; the reverse never. */
export const employerLawful: readonly Context[] = ['employer', 'occupational-physician'];
export const physicianOnly: readonly Context[] = ['occupational-physician'];
