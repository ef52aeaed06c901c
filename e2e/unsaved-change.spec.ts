import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './support/test';

/** Makes a folder immutable (even root cannot write in it), or says why it cannot. */
function setImmutable(folder: string, on: boolean): string | undefined {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', folder], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `chattr is not available here (${(error as Error).message.split('\n')[0]})`;
  }
}

test('a change the disk refuses is reported, nothing is shown as saved, and Try again saves it', async ({
  page,
  host,
  app,
}) => {
  const articles = join(host.dataDir, 'articles');
  try {
    const reason = setImmutable(articles, true);
    if (reason) console.log(`Skipping the failing-disk check: ${reason}.`);
    test.skip(!!reason, reason ?? '');

    await app.select('troops would be sent');
    await page.keyboard.press('5');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Could not save');
    await expect(alert).toContainText('The previous version is unchanged');
    await expect(app.cards()).toHaveCount(0);

    setImmutable(articles, false);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(app.cards()).toHaveCount(1);
    await expect(
      app.card('troops would be sent').getByRole('combobox', { name: 'Verdict' }),
    ).toHaveValue('false');
  } finally {
    // The host fixture removes the folder afterwards; it must be writable again by then.
    setImmutable(articles, false);
  }
});
