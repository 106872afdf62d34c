import type { Context } from '../features/contexts.ts';

export const roles = [
  'case-manager',
  'occupational-physician',
  'employer',
  'dpo',
  'data-scientist',
  'admin',
] as const;

export type Role = (typeof roles)[number];

export function isRole(text: string): text is Role {
  return (roles as readonly string[]).includes(text);
}

/**
 * The contexts whose models a role may ever use, whatever the purpose register says: a floor the
 * register cannot lower. Employer-facing roles (casemanager, werkgever) get employer models
 * only, so they never receive medical context (AP rules on sick employees); the bedrijfsarts may
 * use both. The others do not score cases.
 */
export const contextsByRole: Record<Role, readonly Context[]> = {
  'case-manager': ['employer'],
  employer: ['employer'],
  'occupational-physician': ['occupational-physician', 'employer'],
  dpo: [],
  'data-scientist': [],
  admin: [],
};

/** Who may record whether they followed an indication: the professionals who receive one. */
export const decidingRoles: readonly Role[] = [
  'case-manager',
  'employer',
  'occupational-physician',
];

/** Who may read oversight reports (art. 22 GDPR, art. 14 AI Act): the DPO and administrators. */
export const oversightRoles: readonly Role[] = ['dpo', 'admin'];

export const adminRoles: readonly Role[] = ['admin'];

/**
 * Who runs the data-subject desk (GDPR art. 15, 21, 22(3)): the DPO receives the employee's
 * requests and answers them; the employee has no account of their own.
 */
export const subjectDeskRoles: readonly Role[] = ['dpo'];

/** Who may close a contest after the human review: the DPO and the professionals who decide. */
export const contestReviewRoles: readonly Role[] = [
  'dpo',
  'occupational-physician',
  'case-manager',
];
