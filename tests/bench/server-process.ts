/** The wall's server as a child process on a free port, for benchmarks that measure it from outside. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Access, type Role } from '../../server/access/access.ts';
import { repoRoot } from '../../server/config.ts';
import { openStore } from '../../server/store/store.ts';

export interface ServerProcess {
  url: string;
  /** The node process running the server (under the npx and tsx wrappers). */
  pid: number;
  /** CPU seconds (user + system) the server has used so far. */
  cpuSeconds(): number;
  /** Resident memory now and at its peak, in MB. */
  memory(): { rss: number; peak: number };
  /** Stops it; resolves once it has exited (and let go of the database). */
  stop(): Promise<void>;
  /** Kills it and its wrappers at once (SIGKILL to the process group), as a power cut would. */
  kill(): void;
  /** Resolves when the server prints a line containing `text`. */
  printed(text: string): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function deepestChild(pid: number): number {
  for (;;) {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    if (children.length === 0) return pid;
    pid = Number(children.at(-1));
  }
}

/** Tokens made in a database no server holds open (DuckDB allows one process at a time), one per name given. */
export async function makeTokens<K extends string>(databaseFile: string, wanted: Record<K, Role>): Promise<Record<K, string>> {
  const store = await openStore(databaseFile);
  try {
    const access = await Access.open(store);
    const made = {} as Record<K, string>;
    for (const [name, role] of Object.entries(wanted) as [K, Role][]) made[name] = (await access.create(`bench ${name}`, role, 'bench')).token;
    return made;
  } finally {
    await store.close();
  }
}

/** An editor token in a database no server holds open. */
export async function editorToken(databaseFile: string): Promise<string> {
  return (await makeTokens(databaseFile, { editor: 'editor' })).editor;
}

/** A server over `databaseFile`; `env` adds settings (IOC_DEMO=on builds the demo province into a new file). */
export async function startServerProcess(databaseFile: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn('npx', ['tsx', 'server/main.ts'], {
    cwd: repoRoot,
    // Reads open and no upload limit: the benchmarks measure speed; access has its own tests.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', IOC_DB: databaseFile, IOC_DEMO: 'off', IOC_READS: 'open', IOC_INGEST_PER_MINUTE: '100000', IOC_BRIEFING_AT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, so the wrappers and the server under them stop together.
    detached: true,
  });
  // What the server printed, kept whole: a line can arrive split over two chunks.
  let printedText = '';
  const waiting: { text: string; resolve(): void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    printedText = (printedText + chunk.toString()).slice(-65_536);
    for (const w of [...waiting])
      if (printedText.includes(w.text)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
  });
  const printed = (text: string) =>
    new Promise<void>((resolve) => {
      if (printedText.includes(text)) return resolve();
      waiting.push({ text, resolve });
    });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 4 minutes; it printed:\n${printedText.slice(-2000)}`)), 240_000);
    void printed('http://').then(() => {
      clearTimeout(timer);
      resolve();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}`));
    });
  });
  const pid = deepestChild(child.pid!);
  const ticks = 100; // USER_HZ on Linux
  return {
    url: `http://127.0.0.1:${port}`,
    pid,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    },
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))![1]) / 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    },
    kill: () => process.kill(-child.pid!, 'SIGKILL'),
    // Only what it prints from now on: an earlier line does not count.
    printed: (text) => {
      printedText = '';
      return printed(text);
    },
    async stop() {
      process.kill(-child.pid!, 'SIGTERM');
      // The wrappers exit first; the server itself once it has closed the database (or is killed after 20 s).
      const deadline = Date.now() + 20_000;
      while (alive(pid)) {
        if (Date.now() > deadline) process.kill(-child.pid!, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
