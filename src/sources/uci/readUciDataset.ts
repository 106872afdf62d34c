import { parseUciFile } from './parseUciFile.ts';
import { toCanonical, type UciDataset } from './toCanonical.ts';

/** Reads and checks a UCI file and returns its canonical records. */
export async function readUciDataset(path: string): Promise<UciDataset> {
  return toCanonical(await parseUciFile(path));
}
