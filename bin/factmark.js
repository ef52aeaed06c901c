#!/usr/bin/env node
// The `factmark` command: builds the app if needed, then runs the CLI (see `factmark --help`).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { ensureBuilt, rootDir } from '../scripts/ensure-built.js';

ensureBuilt();
const { runCli } = await import(pathToFileURL(join(rootDir, 'out/main/cli.js')).href);
try {
  await runCli(process.argv.slice(2), (text) => process.stdout.write(text));
} catch (error) {
  process.stderr.write(
    `factmark: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
  );
  process.exit(1);
}
