import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..', '..');

/** What one run of the built CLI did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node out/main/cli.js ...args` as its own process, as a user's shell would. */
export function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, FACTMARK_DATA_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The export with its `exported_at` line blanked, for comparing two exports of one article. */
export function withoutExportTime(markdown: string): string {
  return markdown.replace(/^exported_at: .*$/m, 'exported_at: <time>');
}

/**
 * Waits until `text` is in the store's export of the article matching `article` (an id or a title
 * substring): the app has saved it to disk, whenever its autosave ran.
 */
export async function expectSaved(dataDir: string, article: string, text: string): Promise<void> {
  await expect
    .poll(async () => (await runCli(['export', article, '--data-dir', dataDir])).stdout, {
      message: `"${text}" saved in ${article}`,
      timeout: 15_000,
    })
    .toContain(text);
}
