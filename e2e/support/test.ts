import { test as base } from '@playwright/test';
import { FactmarkPage } from './factmark-page';
import { TestHost } from './web-host';

/** Playwright's test with a fresh web host per test and the app's page object on it. */
export const test = base.extend<{ host: TestHost; app: FactmarkPage }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the object pattern here
  host: async ({}, use) => {
    const host = await TestHost.start();
    await use(host);
    await host.dispose();
  },
  app: async ({ page, host }, use) => {
    const app = new FactmarkPage(page);
    await app.open(host.url);
    await use(app);
  },
});

export { expect } from '@playwright/test';
