import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FactmarkPage } from './support/factmark-page';
import { expectSaved } from './support/cli';
import { expect, test } from './support/test';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

const CLAIM_FALSE = 'the US had plans to attack seven Muslim countries';
const CLAIM_KEY = 'he rejects talks with the United States';
const CLAIM_OVERLAP = 'talks with the United States to solve the problems';

test('tag claims, write notes and evidence, filter, undo, and find it all after a restart', async ({
  page,
  app,
  host,
}) => {
  // Toolbar button, then digit key 5 (the fifth verdict of the default scale is False too).
  const falseCard = await app.tag(CLAIM_FALSE, 'False');
  await expect(falseCard.getByRole('combobox', { name: 'Verdict' })).toHaveValue('false');
  await app.select(CLAIM_KEY);
  await page.keyboard.press('5');
  const keyedCard = app.card(CLAIM_KEY);
  await expect(keyedCard.getByRole('combobox', { name: 'Verdict' })).toHaveValue('false');
  // The verdict stays changeable on the card.
  await keyedCard.getByRole('combobox', { name: 'Verdict' }).selectOption({ label: 'Misleading' });
  await expect(keyedCard.getByRole('combobox', { name: 'Verdict' })).toHaveValue('misleading');

  // N makes a highlight and opens its note; overlapping the claim above.
  await app.select(CLAIM_OVERLAP);
  await page.keyboard.press('n');
  const overlapCard = app.card(CLAIM_OVERLAP);
  const note = overlapCard.getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await page.keyboard.type('Transcript: **no talks**, see [^1] and `code` | pipes');
  await overlapCard
    .getByRole('combobox', { name: 'Status' })
    .selectOption({ label: 'In progress' });

  // Evidence: a bad link is refused inline, a good one is added as a link.
  await falseCard.getByRole('button', { name: '+ Evidence' }).click();
  await expect(falseCard.getByRole('textbox', { name: 'Evidence URL' })).toBeFocused();
  await falseCard.getByRole('textbox', { name: 'Evidence URL' }).fill('javascript:alert(1)');
  await falseCard.getByRole('button', { name: 'Add evidence' }).click();
  await expect(falseCard.getByRole('alert')).toContainText('http: or https:');
  await falseCard
    .getByRole('textbox', { name: 'Evidence URL' })
    .fill('https://example.org/clark-2007');
  await falseCard.getByRole('textbox', { name: 'Evidence title' }).fill('Clark interview, 2007');
  await falseCard.getByRole('combobox', { name: 'Stance' }).selectOption('refutes');
  await falseCard.getByRole('button', { name: 'Add evidence' }).click();
  const link = falseCard.getByRole('link', { name: 'Clark interview, 2007' });
  await expect(link).toHaveAttribute('href', 'https://example.org/clark-2007');
  await expect(link).toHaveAttribute('target', '_blank');
  // The form closes once the link is added, giving the focus back to its button.
  await expect(falseCard.getByRole('button', { name: '+ Evidence' })).toBeFocused();
  await falseCard.getByRole('button', { name: '+ Label' }).click();
  await falseCard.getByRole('combobox', { name: 'Labels' }).fill('wesley-clark');
  await falseCard.getByRole('combobox', { name: 'Labels' }).press('Enter');
  await expect(falseCard.getByText('wesley-clark')).toBeVisible();
  // Esc closes the label field and gives the focus back to "+ Label".
  await falseCard.getByRole('combobox', { name: 'Labels' }).press('Escape');
  await expect(falseCard.getByRole('button', { name: '+ Label' })).toBeFocused();
  // Every card's label field suggests the labels in use.
  await overlapCard.getByRole('button', { name: '+ Label' }).click();
  const listId = await overlapCard.getByRole('combobox', { name: 'Labels' }).getAttribute('list');
  await expect(page.locator(`datalist[id="${listId}"] option[value="wesley-clark"]`)).toHaveCount(
    1,
  );
  await overlapCard.getByRole('combobox', { name: 'Labels' }).press('Escape');

  // Overlapping highlights: both visible, each segment carries both where they overlap.
  const keyedId = await app.highlightIdOf(CLAIM_KEY);
  const overlapId = await app.highlightIdOf(CLAIM_OVERLAP);
  await expect(app.marksOf(keyedId).first()).toBeVisible();
  await expect(app.marksOf(overlapId).last()).toBeVisible();
  const shared = app.readingPane.locator(
    `mark[data-annotation-ids~="${keyedId}"][data-annotation-ids~="${overlapId}"]`,
  );
  await expect(shared).toHaveText('talks with the United States');
  // Clicking the part only the overlapping claim covers focuses its card, and emphasises that
  // claim's marks in the text (the shared segment too), and no other claim's.
  await app.marksOf(overlapId).last().click();
  await expect(overlapCard).toBeFocused();
  const emphasised = () =>
    app.readingPane
      .locator('mark')
      .evaluateAll((marks) =>
        marks
          .filter((mark) => getComputedStyle(mark).boxShadow !== 'none')
          .map((mark) => mark.textContent),
      );
  await expect.poll(emphasised).toEqual(await app.marksOf(overlapId).allTextContents());
  await app.marksOf(keyedId).first().click();
  await expect.poll(emphasised).toEqual(await app.marksOf(keyedId).allTextContents());
  await app.marksOf(overlapId).last().click();

  // Cards never overlap, and the first sits level with its highlight.
  await expect(app.cards()).toHaveCount(3);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('aside article')].every(
      (c) => getComputedStyle(c).visibility === 'visible',
    ),
  );
  const boxes = await app.cardBoxes();
  for (let i = 1; i < boxes.length; i++)
    expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom);
  const keyedMarkTop = (await app.marksOf(keyedId).first().boundingBox())!.y;
  const keyedCardTop = (await keyedCard.boundingBox())!.y;
  expect(Math.abs(keyedCardTop - keyedMarkTop)).toBeLessThan(3);

  // Filter by verdict: only False stays in the margin.
  await app.margin
    .getByRole('combobox', { name: 'Filter by verdict' })
    .selectOption({ label: 'False' });
  await expect(app.cards()).toHaveCount(1);
  await expect(app.card(CLAIM_FALSE)).toBeVisible();
  // Highlights of the claims filtered out are dimmed.
  await expect(app.marksOf(keyedId).first()).toHaveClass(/mark--dimmed/);
  await app.margin.getByRole('button', { name: 'Clear filter' }).click();
  await expect(app.cards()).toHaveCount(3);
  // The summary strip counts verdicts; its bar filters too.
  await app.margin.getByRole('button', { name: 'Misleading: 1' }).click();
  await expect(app.cards()).toHaveCount(1);
  await app.margin.getByRole('button', { name: 'Misleading: 1' }).click();
  await expect(app.cards()).toHaveCount(3);

  // Delete, undo, redo, undo.
  await keyedCard.getByRole('button', { name: 'Delete claim' }).click();
  await expect(app.cards()).toHaveCount(2);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(app.cards()).toHaveCount(3);
  await page.keyboard.press('Control+Shift+z');
  await expect(app.cards()).toHaveCount(2);
  await page.keyboard.press('Control+y');
  await expect(app.cards()).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(app.cards()).toHaveCount(3);
  await expect(app.library.getByText('3 claims')).toBeVisible();

  // Let the note's autosave land, then restart the host on the same folder.
  await expectSaved(host.dataDir, 'Iran', 'no talks');
  await host.restart();
  const again = new FactmarkPage(page);
  await again.open(host.url);
  await expect(again.cards()).toHaveCount(3);
  await expect(
    again.card(CLAIM_FALSE).getByRole('link', { name: 'Clark interview, 2007' }),
  ).toBeVisible();
  await expect(again.card(CLAIM_OVERLAP).getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Transcript: **no talks**, see [^1] and `code` | pipes',
  );
  await expect(again.card(CLAIM_OVERLAP).getByRole('combobox', { name: 'Status' })).toHaveValue(
    'in-progress',
  );
  await expect(again.card(CLAIM_KEY).getByRole('combobox', { name: 'Verdict' })).toHaveValue(
    'misleading',
  );
  await expect(again.card(CLAIM_FALSE).getByText('wesley-clark')).toBeVisible();
});

test('keyboard only: caret into the article, Shift+arrows to select, a digit to tag', async ({
  page,
  app,
}) => {
  await app.readingPane.getByRole('article').focus();
  // The caret starts at the headline; select its first three words.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(app.toolbar).toBeVisible();
  await page.keyboard.press('5');
  await expect(app.cards()).toHaveCount(1);
  await expect(app.cards().first().locator('blockquote')).toHaveText('Iran’s Supreme Leader');
  await expect(app.cards().first().getByRole('combobox', { name: 'Verdict' })).toHaveValue('false');
  // Escape dismisses a toolbar without tagging.
  await app.readingPane.getByRole('article').focus();
  await page.keyboard.press('Control+Shift+ArrowRight');
  await expect(app.toolbar).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(app.toolbar).toBeHidden();
  await expect(app.cards()).toHaveCount(1);
});

test('site chrome cannot be highlighted', async ({ page, app }) => {
  await app.select('Most Popular', { expectToolbar: false });
  // Give the selection a frame to be processed, then check no toolbar came.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await expect(app.toolbar).toBeHidden();
});

test('in a long article, a claim far down is painted and level with its card once scrolled to', async ({
  page,
  app,
  host,
}) => {
  const paragraphs = Array.from(
    { length: 240 },
    (_, i) => `Paragraph ${i + 1} of the council minutes records routine business and a vote.`,
  );
  const lastClaim = 'the treasurer said reserves had tripled since 2019';
  const file = join(host.dataDir, 'long-minutes.txt');
  await writeFile(
    file,
    [
      'Council minutes, full session',
      'A long record of one evening',
      'By Clerk - March 3 2025',
      ...paragraphs,
      `In closing, ${lastClaim}, a figure nobody checked.`,
    ].join('\n\n'),
  );
  await app.importFile(file);
  await expect(app.headline()).toHaveText('Council minutes, full session');
  const card = await app.tag(lastClaim, 'Unsupported');
  const id = (await card.getAttribute('data-annotation-id'))!;

  // Reopened at the top, the claim is painted by the time it is scrolled into view.
  await page.reload();
  await expect(app.headline()).toHaveText('Council minutes, full session');
  await page
    .locator('main article [data-block-index]')
    .filter({ hasText: lastClaim })
    .scrollIntoViewIfNeeded();
  await expect(app.marksOf(id)).toHaveText([lastClaim]);
  await expect(app.card(lastClaim)).toBeVisible();
  await expect
    .poll(async () => {
      const markTop = (await app.marksOf(id).boundingBox())!.y;
      const cardTop = (await app.card(lastClaim).boundingBox())!.y;
      return Math.abs(markTop - cardTop);
    })
    .toBeLessThan(3);

  // A card holding the focus stays while the reader scrolls far away, and typing goes on in it.
  const note = app.card(lastClaim).getByRole('textbox', { name: 'Note' });
  await note.click();
  await page.keyboard.type('Reserves ');
  await app.headline().scrollIntoViewIfNeeded();
  await expect(app.marksOf(id)).not.toBeInViewport();
  await expect(note).toBeFocused();
  await page.keyboard.type('doubled.');
  await expect(note).toHaveValue('Reserves doubled.');
});

test('switching back to an article shows it at once as left, then any change made in another window', async ({
  page,
  app,
  host,
}) => {
  await app.tag(CLAIM_FALSE, 'False');
  await app.importFile(fixture('city-budget.txt'));
  await expect(app.headline()).toHaveText('City council approves record budget');
  await app.tag('approve a $4.2 billion budget', 'Accurate');
  await app.tag('cut bus wait times in half', 'Misleading');

  // A second window on the same library edits the sample's claim meanwhile.
  const other = new FactmarkPage(await page.context().newPage());
  await other.open(host.url);
  await other.library.getByRole('button', { name: /Iran’s Supreme Leader/ }).click();
  await expect(other.headline()).toHaveText('Iran’s Supreme Leader rejects talks with US');
  await other
    .card(CLAIM_FALSE)
    .getByRole('textbox', { name: 'Note' })
    .fill('Edited in the other window.');
  await other.card(CLAIM_FALSE).getByRole('textbox', { name: 'Note' }).blur();
  await expectSaved(host.dataDir, 'Iran', 'Edited in the other window.');

  // Back in the first window: the article comes back with its claim, then with the other edit.
  // Every text its library entry shows on the way is recorded: never the other article's count,
  // not even for a frame.
  const iran = app.library.getByRole('button', { name: /Iran’s Supreme Leader/ });
  await iran.evaluate((entry) => {
    const shown: string[] = [];
    new MutationObserver(() => shown.push(entry.textContent ?? '')).observe(entry, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    (window as unknown as { shownCounts: string[] }).shownCounts = shown;
  });
  await iran.click();
  await expect(app.headline()).toHaveText('Iran’s Supreme Leader rejects talks with US');
  await expect(iran).toContainText('1 claim');
  // The article left keeps the count of the claims made in it.
  await expect(
    app.library.getByRole('button', { name: /City council approves record budget/ }),
  ).toContainText('2 claims');
  const shown = await page.evaluate(
    () => (window as unknown as { shownCounts: string[] }).shownCounts,
  );
  expect(shown.filter((text) => text.includes('2 claims'))).toEqual([]);
  await expect(app.card(CLAIM_FALSE).getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Edited in the other window.',
  );
});
