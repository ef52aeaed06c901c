import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  exportArticle,
  exportFormats,
  type ExportFormat,
} from '../../shared/export/export-document';
import { GENERATOR } from '../../shared/version';
import { call } from '../api/dispatcher';
import { openFactmark } from '../services/open-factmark';
import { resolveDataDir } from '../store/data-dir';
import { openLibraryStore } from '../store/library-store';
import { acquireDataDirLock } from '../store/lock-file';
import type { LibraryStore } from '../store/store-types';

const builtDir = dirname(fileURLToPath(import.meta.url));

/** A failure the CLI reports as one line, exiting 1. */
export class CliError extends Error {}

const USAGE = `Usage: factmark <command> [--data-dir DIR]
  list                                   articles with id, title and claim count
  export <id or title part> [--format markdown|criticmarkup|w3c|claimreview]
         [--exclude-unreviewed] [--claims-table] [--out FILE]
  import <file>                          add an article (.txt, .md, .html, Factmark export)`;

/** Finds one article by id, else by a unique case-insensitive title substring. */
function findArticle(store: LibraryStore, query: string) {
  const articles = store.listArticles();
  const byId = articles.find((a) => a.id === query);
  if (byId) return byId;
  const needle = query.toLocaleLowerCase();
  const matches = articles.filter((a) => a.title.toLocaleLowerCase().includes(needle));
  if (matches.length === 0)
    throw new CliError(`No article matches "${query}". Run "factmark list" to see ids.`);
  if (matches.length > 1) {
    throw new CliError(
      `"${query}" matches ${matches.length} articles (${matches.map((a) => a.id).join(', ')}); use an id.`,
    );
  }
  return matches[0]!;
}

/** Writes a file whole or not at all: a temp file beside it, then a rename. */
async function writeWhole(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError(`Cannot write ${path} (${reason}).`);
  }
}

/** Runs one CLI command; `out` receives what goes to stdout. Throws CliError for user errors. */
export async function runCli(argv: string[], out: (text: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      'exclude-unreviewed': { type: 'boolean', default: false },
      'claims-table': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, target] = positionals;
  if (values.help || !command) return out(`${USAGE}\n`);
  const dataDir = resolveDataDir({ argv, env: process.env });

  if (command === 'list' || command === 'export') {
    // Read-only: safe while the app or web host has the library open.
    const store = await openLibraryStore(dataDir, { readOnly: true });
    if (command === 'list') {
      for (const a of store.listArticles())
        out(`${a.id}\t${a.title}\t${a.claimCount} ${a.claimCount === 1 ? 'claim' : 'claims'}\n`);
      return;
    }
    if (!target) throw new CliError('export needs an article id or part of its title.');
    if (!exportFormats.includes(values.format as ExportFormat)) {
      throw new CliError(
        `Unknown format "${values.format}"; use one of ${exportFormats.join(', ')}.`,
      );
    }
    const summary = findArticle(store, target);
    const record = await store.readArticle(summary.id);
    if (!record) throw new CliError(`The article ${summary.id} could not be read.`);
    const document = exportArticle(
      {
        ...record,
        taxonomy: store.getSettings().taxonomy,
        exportedAt: new Date().toISOString(),
        generator: GENERATOR,
      },
      values.format as ExportFormat,
      {
        includeUnreviewed: !values['exclude-unreviewed'],
        includeClaimsTable: values['claims-table'],
      },
    );
    if (values.out) await writeWhole(values.out, document.content);
    else out(document.content);
    return;
  }

  if (command === 'import') {
    if (!target) throw new CliError('import needs a file.');
    let bytes: Buffer;
    try {
      bytes = await readFile(target);
    } catch (error) {
      throw new CliError(
        `Cannot read ${target} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    const lock = await acquireDataDirLock(dataDir, { owner: 'command line' }).catch(
      (error: Error) => {
        throw new CliError(error.message);
      },
    );
    const library = await openFactmark({
      dataDir,
      resourcesDir: join(builtDir, '../../resources'),
    });
    try {
      const result = await call(library.dispatch, 'importArticle', {
        fileName: basename(target),
        base64: bytes.toString('base64'),
        onDuplicate: 'keep-both',
      });
      if (!result.ok) throw new CliError(result.error.message);
      if (result.value.status !== 'duplicate')
        out(`${result.value.article.id}\t${result.value.article.title}\n`);
    } finally {
      await library.close();
      await lock.release();
    }
    return;
  }
  throw new CliError(`Unknown command "${command}".\n${USAGE}`);
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  runCli(process.argv.slice(2), (text) => process.stdout.write(text)).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`factmark: ${message.split('\n')[0]}\n`);
    process.exit(1);
  });
}
