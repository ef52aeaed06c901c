import { FactmarkPage } from './support/factmark-page';
import { expect, test } from './support/test';

test('a new library opens the sample article in the reading pane', async ({ page, app }) => {
  await expect(app.headline()).toHaveText('Iran’s Supreme Leader rejects talks with US');
  await expect(app.readingPane.getByText('By News Desk - November 27 2022')).toBeVisible();
  await expect(
    app.readingPane.getByText(/^During a meeting with the Basij volunteer forces on 26 November/),
  ).toBeVisible();
  const chrome = app.readingPane.getByText('Most Popular', { exact: true });
  await expect(chrome).toHaveAttribute('data-annotatable', 'false');
  await expect(app.library).toBeVisible();
  await expect(app.libraryEntries()).toHaveCount(1);
  await expect(app.margin).toBeVisible();
  await expect(app.margin.getByRole('article')).toHaveCount(0);
  // The token leaves the address bar once the tab has it.
  expect(page.url()).not.toContain('token=');
});

test('restarting on the same folder shows the same library, without a second sample', async ({
  page,
  host,
}) => {
  await host.restart();
  const app = new FactmarkPage(page);
  await app.open(host.url);
  await expect(app.headline()).toHaveText('Iran’s Supreme Leader rejects talks with US');
  await expect(app.libraryEntries()).toHaveCount(1);
});

test('the API refuses a call without the launch token', async ({ request, host }) => {
  const refused = await request.post(`${host.origin}/api/getLibrary`, { data: {} });
  expect(refused.status()).toBe(401);
  const accepted = await request.post(`${host.origin}/api/getLibrary`, {
    data: {},
    headers: { 'X-Factmark-Token': host.token },
  });
  expect(accepted.status()).toBe(200);
  const body = (await accepted.json()) as { ok: boolean; value: { articles: unknown[] } };
  expect(body.ok).toBe(true);
  expect(body.value.articles).toHaveLength(1);
});
