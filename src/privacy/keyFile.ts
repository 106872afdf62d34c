import { randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';

export const masterKeyBytes = 32;
const keyVersionPattern = /^v[1-9]\d{0,5}$/;

/**
 * The key file: `{format, version: 1, current, keys: {"v1": base64 of 32 bytes}}`. It holds the
 * master keys only; domain keys are derived from them (see deriveDomainKey), so the file never
 * grows with the number of domains. Older versions stay in the file after a rotation, so that
 * extracts made with them can still be re-made or checked.
 */
const keyFileSchema = z.strictObject({
  format: z.literal('absencelab-pseudonym-key'),
  version: z.literal(1),
  current: z.string().regex(keyVersionPattern),
  keys: z.record(
    z.string().regex(keyVersionPattern),
    z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of 32 bytes'),
  ),
});

type KeyFile = z.infer<typeof keyFileSchema>;

export interface KeyRing {
  /** The version used when none is asked for: the newest. */
  currentVersion: string;
  versions: readonly string[];
  /** The master key of a version; throws INVALID_ARGUMENT, naming the version, when absent. */
  masterKey(version: string): Buffer;
}

/** A new key file's text with one fresh random key, or with `previous`'s keys plus a new one. */
export function createKeyFileText(previous?: KeyRing): string {
  const keys: Record<string, string> = {};
  for (const version of previous?.versions ?? []) {
    keys[version] = previous!.masterKey(version).toString('base64');
  }
  const highest = Math.max(0, ...Object.keys(keys).map((version) => Number(version.slice(1))));
  const current = `v${highest + 1}`;
  keys[current] = randomBytes(masterKeyBytes).toString('base64');
  const file: KeyFile = { format: 'absencelab-pseudonym-key', version: 1, current, keys };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Writes a key file readable only by its owner (mode 0600), refusing to replace an existing file:
 * overwriting a key would make every pseudonym made with it unreproducible (GDPR art. 32).
 */
export async function writeKeyFile(path: string, text: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) {
      throw new AppError('INVALID_ARGUMENT', `Key file ${basename(path)} already exists.`, [
        {
          field: '--out',
          message: 'refusing to overwrite a key file.',
          hint: 'Choose a new path; to rotate, use --from OLD to carry the old versions over.',
        },
      ]);
    }
    throw error;
  }
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Reads a key file. A file that others may read is refused: the key is what keeps the extract
 * pseudonymous rather than identifiable, so it must be kept apart (GDPR art. 4(5), 32). No error
 * carries any part of the file's content.
 */
export async function readKeyFile(path: string): Promise<KeyRing> {
  const fileName = basename(path);
  let text: string;
  try {
    const info = await stat(path);
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw new AppError('INVALID_ARGUMENT', `Key file ${fileName} is readable by others.`, [
        { file: fileName, message: 'a key file must have mode 0600.', hint: `chmod 600 ${path}` },
      ]);
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isErrno(error, 'ENOENT')) {
      throw new AppError('NOT_FOUND', `Key file ${fileName} not found.`, [
        { field: '--key-file', message: 'no such file.', hint: 'Make one with absencelab keygen.' },
      ]);
    }
    throw error;
  }
  return parseKeyFileText(text, fileName);
}

export function parseKeyFileText(text: string, fileName: string): KeyRing {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = keyFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.keys[parsed.data.current] === undefined) {
    throw new AppError('INVALID_INPUT', `Key file ${fileName} is not a valid key file.`, [
      {
        file: fileName,
        message: 'expected the JSON written by absencelab keygen.',
        hint: 'Make a new one with absencelab keygen; never edit a key file by hand.',
      },
    ]);
  }
  const keys = parsed.data.keys;
  return {
    currentVersion: parsed.data.current,
    versions: Object.keys(keys).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    masterKey(version) {
      const encoded = keys[version];
      if (encoded === undefined) {
        throw new AppError('INVALID_ARGUMENT', `Key version ${version} is not in ${fileName}.`, [
          {
            field: '--key-version',
            message: `must be one of: ${Object.keys(keys).join(', ')}.`,
          },
        ]);
      }
      return Buffer.from(encoded, 'base64');
    },
  };
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
