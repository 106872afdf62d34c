import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const uciFile = join(projectRoot, 'data/uci-absenteeism/Absenteeism_at_work.csv');

export function temporaryDirectory(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `absencelab-${prefix}-`));
}
