import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** A running web host on a data folder, started as a real process from the build output. */
export interface RunningWebHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Makes a fresh, empty data folder for one test. */
export async function freshDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'factmark-e2e-'));
}

/** Removes a test's data folder. */
export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * Starts `out/main/web-host.js` on `dataDir` and a free port, and resolves once it prints its URL.
 * Waits on the host's own signal (the printed line), never on a sleep.
 */
export async function startWebHost(
  dataDir: string,
  extraArgs: string[] = [],
): Promise<RunningWebHost> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'out/main/web-host.js'), '--data-dir', dataDir, '--port', '0', ...extraArgs],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FACTMARK_DATA_DIR: '' },
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = output.match(/Factmark is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`web host exited with ${code} before starting:\n${output}`)),
    );
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A web host on a fresh data folder for one test; restartable on the same folder. */
export class TestHost {
  private constructor(
    readonly dataDir: string,
    private running: RunningWebHost,
  ) {}

  /** Starts a host on a new, empty data folder. */
  static async start(): Promise<TestHost> {
    const dataDir = await freshDataDir();
    return new TestHost(dataDir, await startWebHost(dataDir));
  }

  get url(): string {
    return this.running.url;
  }
  get origin(): string {
    return this.running.origin;
  }
  get token(): string {
    return this.running.token;
  }

  /** Stops the host and starts a new one on the same folder, as a user restarting the app. */
  async restart(): Promise<void> {
    await this.running.stop();
    this.running = await startWebHost(this.dataDir);
  }

  /** Stops the host and removes its folder. */
  async dispose(): Promise<void> {
    await this.running.stop();
    await removeDataDir(this.dataDir);
  }
}
