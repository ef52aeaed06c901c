import { expect, type Locator, type Page } from '@playwright/test';

/** The Factmark window as a person sees it: its three regions and what is in them. */
export class FactmarkPage {
  readonly library: Locator;
  readonly readingPane: Locator;
  readonly margin: Locator;

  constructor(readonly page: Page) {
    this.library = page.getByRole('navigation', { name: 'Library' });
    this.readingPane = page.getByRole('main');
    this.margin = page.getByRole('complementary', { name: 'Annotations' });
  }

  /** Opens the app at `url` and waits until an article is shown. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.readingPane.getByRole('heading', { level: 1 })).toBeVisible();
  }

  /** The headline of the open article. */
  headline(): Locator {
    return this.readingPane.getByRole('heading', { level: 1 });
  }

  /** The library's entries (one button per article). */
  libraryEntries(): Locator {
    return this.library.getByRole('listitem');
  }
}
