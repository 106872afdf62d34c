import { spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

const installHint =
  'PostgreSQL server binaries were not found in /usr/lib/postgresql/*/bin. The PostgreSQL tests ' +
  'need a real server: install it with `apt-get update && apt-get install -y postgresql` ' +
  '(npm test does this as root: scripts/test-tools.sh).';

/** The newest installed server's bin folder, or a loud failure saying how to install one. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) throw new Error(installHint);
  return join(root, versions[0], 'bin');
}

/**
 * Starts a throwaway PostgreSQL server: initdb into a temporary folder, listening on 127.0.0.1 at
 * a free port chosen now, its socket in the same folder. PostgreSQL refuses to run as root, so as
 * root both run as the `postgres` system user, which owns the folder; they run from inside it,
 * because the caller's folder (a CI clone under a private temp folder) may be closed to that user.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'absencelab-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  mkdirSync(socketDir);
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  if (owner !== undefined) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
  }
  const run = (command: string, args: string[]) =>
    asRoot
      ? { file: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
      : { file: command, args };

  const init = run(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const initResult = spawnSync(init.file, init.args, { encoding: 'utf8', cwd: dir });
  if (initResult.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${initResult.stderr}`);
  }

  // The port is free when chosen, but another server starting at the same moment (test files
  // run two at a time) can take it first: then start again on another one.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const started = startServer({ run, bin, dataDir, dir, socketDir, port });
    if (started.status === 0) break;
    if (attempt === 3) {
      const log = readServerLog(dir);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`postgres did not start: ${started.stdout}${started.stderr}\n${log}`);
    }
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilReady(url);

  return {
    url,
    async stop() {
      const stop = run(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w']);
      spawnSync(stop.file, stop.args, { encoding: 'utf8', cwd: dir });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface ServerStart {
  run: (command: string, args: string[]) => { file: string; args: string[] };
  bin: string;
  dataDir: string;
  dir: string;
  socketDir: string;
  port: number;
}

function startServer({ run, bin, dataDir, dir, socketDir, port }: ServerStart) {
  const options = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    // A throwaway server: durability is not needed, speed is.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  // pg_ctl starts the server in the background and waits for it; the server then outlives no
  // wrapper process, and `pg_ctl stop` ends it cleanly.
  const start = run(join(bin, 'pg_ctl'), [
    'start',
    '-D',
    dataDir,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '30',
    '-o',
    options,
  ]);
  return spawnSync(start.file, start.args, { encoding: 'utf8', cwd: dir });
}

function readServerLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error('postgres did not accept connections in 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function systemUser(name: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) {
    throw new Error(`The system user "${name}" is missing. ${installHint}`);
  }
  return { uid, gid };
}
