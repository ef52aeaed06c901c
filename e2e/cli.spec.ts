import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/test';
import { expectSaved, runCli, withoutExportTime } from './support/cli';
import { freshDataDir, removeDataDir } from './support/web-host';

const FIXTURE = join(import.meta.dirname, 'fixtures/city-budget.txt');

test('import, list and export from the command line, with one-line errors', async () => {
  const dataDir = await freshDataDir();
  try {
    const imported = await runCli(['import', FIXTURE, '--data-dir', dataDir]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('City council approves record budget');
    // A second copy makes the title ambiguous.
    expect((await runCli(['import', FIXTURE, '--data-dir', dataDir])).code).toBe(0);

    const listed = await runCli(['list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trim().split('\n');
    expect(rows.filter((row) => row.includes('City council approves record budget'))).toHaveLength(
      2,
    );
    const id = rows[0]!.split('\t')[0]!;
    expect(rows[0]).toMatch(/\t0 claims$/);

    const exported = await runCli(['export', id, '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^---\n/);
    // The body (the front matter's data block keeps every block, for re-import) leaves chrome out.
    const body = exported.stdout.slice(exported.stdout.indexOf('\n---\n', 4) + 5);
    expect(body).toContain('# City council approves record budget');
    expect(body).toContain('Libraries will stay open on Sundays');
    expect(body).not.toContain('Advertisement');

    const w3c = await runCli(['export', id, '--format', 'w3c', '--data-dir', dataDir]);
    expect(JSON.parse(w3c.stdout)).toMatchObject({ type: 'AnnotationCollection' });

    const ambiguous = await runCli(['export', 'council', '--data-dir', dataDir]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr.trim().split('\n')).toHaveLength(1);
    expect(ambiguous.stderr).toContain('matches 2 articles');

    const unknown = await runCli(['export', 'no such article', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No article matches');

    const out = join(dataDir, 'missing-folder', 'budget.md');
    const unwritable = await runCli(['export', id, '--out', out, '--data-dir', dataDir]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toContain('Cannot write');
    expect(existsSync(join(dataDir, 'missing-folder'))).toBe(false);

    const file = join(dataDir, 'budget.md');
    const written = await runCli(['export', id, '--out', file, '--data-dir', dataDir]);
    expect(written.code).toBe(0);
    expect(withoutExportTime(await readFile(file, 'utf8'))).toBe(
      withoutExportTime(exported.stdout),
    );
    // Nothing half-written is left beside it.
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  } finally {
    await removeDataDir(dataDir);
  }
});

test('the Export dialog gives the same Markdown as the CLI, while the app is running', async ({
  page,
  host,
  app,
}) => {
  const dataDir = host.dataDir;
  await app.tag('the US had plans to attack seven Muslim countries', 'False');
  const card = app.card('the US had plans to attack');
  await card
    .getByRole('textbox', { name: 'Note' })
    .fill('Clark named *seven* countries | see [^1]');
  await card.getByRole('textbox', { name: 'Note' }).blur();
  await expectSaved(dataDir, 'Iran', 'Clark named');

  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  const preview = dialog.getByRole('textbox', { name: 'Preview' });
  await expect(preview).toHaveValue(/==the US had plans to attack seven Muslim countries==\[\^1\]/);
  const fromDialog = await preview.inputValue();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save…' }).click();
  expect((await download).suggestedFilename()).toBe(
    'Iran’s Supreme Leader rejects talks with US.md',
  );

  const listed = await runCli(['list', '--data-dir', dataDir]);
  const id = listed.stdout.split('\t')[0]!;
  const fromCli = await runCli(['export', id, '--data-dir', dataDir]);
  expect(fromCli.code).toBe(0);
  expect(withoutExportTime(fromCli.stdout)).toBe(withoutExportTime(fromDialog));

  // Round trip: the export imported into another library exports the same file again.
  const file = join(dataDir, 'export.md');
  expect((await runCli(['export', id, '--out', file, '--data-dir', dataDir])).code).toBe(0);
  const otherDir = await freshDataDir();
  try {
    const imported = await runCli(['import', file, '--data-dir', otherDir]);
    expect(imported.stderr).toBe('');
    const again = await runCli(['export', id, '--data-dir', otherDir]);
    expect(again.code).toBe(0);
    expect(withoutExportTime(again.stdout)).toBe(withoutExportTime(await readFile(file, 'utf8')));
  } finally {
    await removeDataDir(otherDir);
  }

  await dialog.getByRole('radio', { name: /ClaimReview/ }).check();
  await expect(preview).toHaveValue(/"alternateName": "False"/);
});
