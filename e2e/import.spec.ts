import { join } from 'node:path';
import { FactmarkPage } from './support/factmark-page';
import { expectSaved } from './support/cli';
import { expect, test } from './support/test';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

test('imports .txt, .md and .html files; a hostile page runs nothing and loads nothing', async ({
  page,
  host,
}) => {
  const leaks: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(host.origin) && !request.url().startsWith('data:'))
      leaks.push(request.url());
  });
  const app = new FactmarkPage(page);
  await app.open(host.url);

  await app.importFile(fixture('city-budget.txt'));
  await expect(app.headline()).toHaveText('City council approves record budget');
  await expect(app.readingPane.getByText('By Maria Lopez | March 3, 2024')).toBeVisible();

  await app.importFile(fixture('field-notes.md'));
  await expect(app.headline()).toHaveText('Field notes on the flood response');
  await expect(
    app.readingPane.getByText('The river crested at 6.1 metres, according to the agency.'),
  ).toBeVisible();
  await expect(app.readingPane.getByText('Officials said no one was missing.')).toBeVisible();

  await app.importFile(fixture('hostile-page.html'));
  await expect(app.headline()).toHaveText('Port reopens after storm');
  await expect(app.readingPane.getByText(/The port reopened on Monday/)).toBeVisible();
  await expect(app.readingPane.locator('script, img, a, iframe')).toHaveCount(0);
  // A highlight works on the imported text, like on any article.
  await app.tag('every berth was undamaged', 'Misleading');

  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(leaks).toEqual([]);
  await expect(app.libraryEntries()).toHaveCount(4);
});

test('a refused file says why and changes nothing', async ({ page, app }) => {
  await page.locator('[data-testid="import-file-input"]').setInputFiles({
    name: 'broken.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x48, 0x69, 0x20, 0xff, 0xfe, 0x21]),
  });
  await expect(
    page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'broken.txt' }),
  ).toContainText('not valid UTF-8 (byte 3)');
  await expect(app.libraryEntries()).toHaveCount(1);
});

test('a corrected article keeps its claims: in place, wording changed, orphaned and re-attached', async ({
  page,
  app,
  host,
}) => {
  await app.importFile(fixture('city-budget.txt'));
  await expect(app.headline()).toHaveText('City council approves record budget');
  await app.tag('approve a $4.2 billion budget', 'Accurate');
  await app.tag('cut bus wait times in half by next year', 'Unsupported');
  await app.tag('crime fell by 30 percent last year', 'False');
  const crimeCard = app.card('crime fell by 30 percent');
  await crimeCard.getByRole('textbox', { name: 'Note' }).fill('Police data shows a 4% fall.');
  await crimeCard.getByRole('textbox', { name: 'Note' }).blur();
  await expectSaved(host.dataDir, 'City council', 'Police data shows a 4% fall.');

  await app.importFile(fixture('city-budget-corrected.txt'), { expectArticle: false });
  const dialog = page.getByRole('dialog', { name: 'This article is already in your library' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Update existing' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toContainText(
    '1 claim in place, 1 with changed wording, 1 orphaned',
  );
  await expect(app.libraryEntries()).toHaveCount(2);

  // In place: the same words, now after the correction paragraph.
  const budgetId = await app.highlightIdOf('approve a $4.2 billion budget');
  await expect(app.marksOf(budgetId)).toHaveText(['approve a $4.2 billion budget']);

  // Wording changed: old and new shown until accepted.
  const busCard = app.card('cut bus wait times in half by next spring');
  const changed = busCard.getByRole('group', { name: 'Wording changed' });
  await expect(changed).toContainText('cut bus wait times in half by next year');
  await expect(changed).toContainText('cut bus wait times in half by next spring');
  await changed.getByRole('button', { name: 'Accept change' }).click();
  await expect(busCard.getByRole('group', { name: 'Wording changed' })).toHaveCount(0);

  // Orphaned: kept with its note and verdict, and re-attached to new text.
  const orphans = app.margin.getByRole('region', { name: 'Orphaned' });
  await orphans.getByRole('button', { name: 'Show 1' }).click();
  const orphan = orphans.getByRole('article');
  await expect(orphan).toHaveCount(1);
  // The open list pushes the cards down: the first, whose highlight is now above the card
  // column, sits right under the list (placed for the new column top, not where it was).
  const budgetCard = app.card('approve a $4.2 billion budget');
  await expect
    .poll(async () => {
      const listBottom = await orphans.evaluate((list) => list.getBoundingClientRect().bottom);
      return (await budgetCard.boundingBox())!.y - listBottom;
    })
    .toBeLessThan(24);
  await expect(orphan.getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Police data shows a 4% fall.',
  );
  await orphan.getByRole('button', { name: 'Re-attach…' }).click();
  await app.select('did not respond to requests for comment');
  await app.toolbar.getByRole('button', { name: 'Attach here' }).click();
  await expect(orphans).toHaveCount(0);
  const reattached = app.card('did not respond to requests for comment');
  await expect(reattached.getByRole('combobox', { name: 'Verdict' })).toHaveValue('false');
  await expect(reattached.getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Police data shows a 4% fall.',
  );
});
