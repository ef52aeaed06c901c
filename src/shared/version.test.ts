import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { FACTMARK_VERSION } from './version';

it('matches the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  expect(FACTMARK_VERSION).toBe(pkg.version);
});
