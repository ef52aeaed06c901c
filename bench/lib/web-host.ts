import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** A web host process serving one data folder. */
export interface BenchWebHost {
  /** The app's URL, token included. */
  url: string;
  /** ms from spawning the process to its "running at" line. */
  readyMs: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the built web host (`out/main/web-host.js`) on `dataDir` and a free port; resolves when
 * it prints its URL (its own signal, not a sleep).
 */
export function startWebHost(root: string, dataDir: string): Promise<BenchWebHost> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [path.join(root, 'out/main/web-host.js'), '--data-dir', dataDir, '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FACTMARK_DATA_DIR: '' },
    },
  );
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the web host did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Factmark is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: match[1], readyMs: performance.now() - started, process: child, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (${code}) before it started:\n${output}`));
    });
  });
}
