import path from 'node:path';
import { build } from 'rolldown';
import { expect, it } from 'vitest';

const shared = path.join(import.meta.dirname, '..');

/** Bundles `code` the way the renderer's build treats zod (electron.vite.config.ts). */
async function bundle(code: string): Promise<string> {
  const entry = '\0renderer-imports';
  const output = await build({
    input: entry,
    write: false,
    logLevel: 'silent',
    treeshake: { manualPureFunctions: ['z'] },
    plugins: [
      {
        name: 'renderer-imports',
        resolveId: (id) => (id === entry ? id : null),
        load: (id) => (id === entry ? code : null),
      },
    ],
  });
  return output.output.map((chunk) => ('code' in chunk ? chunk.code : '')).join('\n');
}

it('what the renderer takes from the contract and the models leaves zod out of its bundle', async () => {
  const from = (file: string) => JSON.stringify(path.join(shared, file));
  const code = await bundle(`
    import { MAX_IMPORT_BYTES } from ${from('api/contract.ts')};
    import { canonicalText, placeBlocks } from ${from('article/article-model.ts')};
    import { newAnnotation } from ${from('annotation/annotation-model.ts')};
    import { defaultTaxonomy, taxonomyPresets } from ${from('annotation/verdicts.ts')};
    console.log(MAX_IMPORT_BYTES, canonicalText, placeBlocks, newAnnotation, defaultTaxonomy, taxonomyPresets);
  `);
  expect(code).toContain('console.log');
  // A schema built by a method call on a variable (`x.nullable()`) would keep zod: use `z.nullable(x)`.
  expect(code).not.toMatch(/\$ZodType|zod\/v4/);
});
