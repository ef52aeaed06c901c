import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openFactmark } from '../services/open-factmark';
import { resolveDataDir } from '../store/data-dir';
import { acquireDataDirLock } from '../store/lock-file';
import { createWebServer } from './web-server';

// Entry of the loopback web host: `npm run start:web -- [--data-dir DIR] [--port N]`.
const builtDir = dirname(fileURLToPath(import.meta.url));

/** Starts the web host on the built renderer and prints where it runs; stays up until a signal. */
export async function runWebHost(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, port: { type: 'string', default: '0' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  }
  const dataDir = resolveDataDir({ argv, env: process.env });
  const lock = await acquireDataDirLock(dataDir, { owner: 'web host' });
  let library: Awaited<ReturnType<typeof openFactmark>> | undefined;
  let server: Awaited<ReturnType<typeof createWebServer>>;
  try {
    library = await openFactmark({ dataDir, resourcesDir: join(builtDir, '../../resources') });
    server = await createWebServer({
      dispatch: library.dispatch,
      staticDir: join(builtDir, '../renderer'),
      port,
    });
  } catch (error) {
    // Free the folder at once rather than leave a lock for the next start to find stale.
    await library?.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
  const opened = library;
  for (const notice of opened.store.notices) console.warn(`Factmark: ${notice.message}`);
  console.log(`Factmark library: ${dataDir}`);
  console.log(`Factmark is running at ${server.url}`);
  // The page's first call is the launch read. Made once now, while the browser opens the page,
  // it has the open article's file read and the validators compiled by the time the page asks
  // (its first run can take a few hundred ms on a busy machine). It reads what the page's own
  // call would read a moment later, nothing more.
  void opened.dispatch('getStartup', {});

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    let failed = false;
    const report = (step: string) => (error: unknown) => {
      failed = true;
      console.error(`Factmark: ${step}: ${error instanceof Error ? error.message : String(error)}`);
    };
    // Let requests already in the host finish (a save in flight completes and is answered),
    // then wait for every queued write, and only then free the folder for the next host.
    await server.close().catch(report('stopping the web server failed'));
    await opened.close().catch(report('saving the library failed'));
    await lock.release().catch(report('releasing the lock failed'));
    process.exit(failed ? 1 : 0);
  };
  // SIGHUP: the terminal that started the host was closed; quit as cleanly as on Ctrl+C.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stop());
  }
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  runWebHost(process.argv.slice(2)).catch((error: unknown) => {
    console.error(
      `Factmark could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
