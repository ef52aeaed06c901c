import { expect, type Locator, type Page } from '@playwright/test';

/** The Factmark window as a person sees it: its three regions and what is in them. */
export class FactmarkPage {
  readonly library: Locator;
  readonly readingPane: Locator;
  readonly margin: Locator;
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.library = page.getByRole('navigation', { name: 'Library' });
    this.readingPane = page.getByRole('main');
    this.margin = page.getByRole('complementary', { name: 'Annotations' });
    this.toolbar = page.getByRole('toolbar', { name: 'Tag claim' });
  }

  /** Opens the app at `url` and waits until an article is shown. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.headline()).toBeVisible();
  }

  /** The headline of the open article. */
  headline(): Locator {
    return this.readingPane.getByRole('heading', { level: 1 });
  }

  /** The library's entries (one per article). */
  libraryEntries(): Locator {
    return this.library.getByRole('listitem');
  }

  /** Imports a file through the "Import article" button's file chooser; waits for it to open. */
  async importFile(path: string, options: { expectArticle?: boolean } = {}): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import article' }).click();
    await (await chooser).setFiles(path);
    if (options.expectArticle ?? true) {
      await expect(this.page.getByRole('status').filter({ hasText: 'Importing' })).toHaveCount(0);
    }
  }

  /** The margin's claim cards. */
  cards(): Locator {
    return this.margin.getByRole('article');
  }

  /** The card whose quote contains `text`. */
  card(text: string): Locator {
    return this.cards().filter({ has: this.page.locator('blockquote', { hasText: text }) });
  }

  /** The highlight segments covering any part of a claim whose card quote contains `text`. */
  async highlightIdOf(text: string): Promise<string> {
    const id = await this.card(text).getAttribute('data-annotation-id');
    if (!id) throw new Error(`no card for ${text}`);
    return id;
  }

  /** The marks painted for one claim. */
  marksOf(annotationId: string): Locator {
    return this.readingPane.locator(`mark[data-annotation-ids~="${annotationId}"]`);
  }

  /**
   * Selects the first occurrence of `text` in the article the way a mouse drag does, across
   * highlight marks, and waits for the tag toolbar.
   */
  async select(text: string, options: { expectToolbar?: boolean } = {}): Promise<void> {
    await this.page.evaluate((wanted) => {
      (document.activeElement as HTMLElement | null)?.blur();
      for (const block of document.querySelectorAll('article [data-block-index]')) {
        const at = (block.textContent ?? '').indexOf(wanted);
        if (at < 0) continue;
        const locate = (offset: number): [Node, number] => {
          const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
          let seen = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = (node as Text).data.length;
            if (offset <= seen + length) return [node, offset - seen];
            seen += length;
          }
          throw new Error('offset past block');
        };
        const range = document.createRange();
        range.setStart(...locate(at));
        range.setEnd(...locate(at + wanted.length));
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in the article`);
    }, text);
    if (options.expectToolbar ?? true) await expect(this.toolbar).toBeVisible();
  }

  /** Selects `text` and tags it with the toolbar's verdict button; waits for its card. */
  async tag(text: string, verdict: string): Promise<Locator> {
    await this.select(text);
    await this.toolbar.getByRole('button', { name: verdict, exact: true }).click();
    await expect(this.toolbar).toBeHidden();
    const card = this.card(text.slice(0, 40));
    await expect(card).toBeVisible();
    return card;
  }

  /** The bounding boxes of every visible card, in margin order. */
  async cardBoxes(): Promise<{ top: number; bottom: number }[]> {
    return this.cards().evaluateAll((cards) =>
      cards.map((card) => {
        const box = card.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom };
      }),
    );
  }
}
