import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const uciFile = join(projectRoot, 'data/uci-absenteeism/Absenteeism_at_work.csv');

const created: string[] = [];

/**
 * A fresh folder under the system's temporary directory, removed when the test process exits
 * (each test file runs in a process of its own), whether or not its test removed it.
 */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `absencelab-${prefix}-`));
  if (created.length === 0) process.once('exit', removeCreated);
  created.push(dir);
  return dir;
}

function removeCreated(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
}
