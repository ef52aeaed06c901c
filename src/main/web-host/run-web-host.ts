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
  const library = await openFactmark({ dataDir, resourcesDir: join(builtDir, '../../resources') });
  const server = await createWebServer({
    dispatch: library.dispatch,
    staticDir: join(builtDir, '../renderer'),
    port,
  });
  for (const notice of library.store.notices) console.warn(`Factmark: ${notice.message}`);
  console.log(`Factmark library: ${dataDir}`);
  console.log(`Factmark is running at ${server.url}`);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Finish pending saves before exiting, then free the folder for the next host.
    await server.close();
    await library.close();
    await lock.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
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
