import { it } from 'vitest';
import { planExport } from '../export-plan';
import { frontMatterYaml, buildDataBlock } from '../front-matter';
import { toMarkdown } from '../markdown-export';
import { embedNote } from '../note-markdown';
import { stringify } from 'yaml';
// @ts-expect-error reuse
import { largeInputForProfile } from './large';
it('prof', () => {
  const input = largeInputForProfile();
  const t = (name: string, f: () => unknown) => {
    const s = performance.now();
    for (let i = 0; i < 3; i++) f();
    console.log(name, ((performance.now() - s) / 3).toFixed(1));
  };
  const plan = planExport(input, { includeUnreviewed: true });
  t('plan', () => planExport(input, { includeUnreviewed: true }));
  t('frontmatter', () => frontMatterYaml(input, plan));
  t('yaml plain stringify', () => stringify(buildDataBlock(input, plan)));
  t('JSON', () => JSON.stringify(buildDataBlock(input, plan)));
  t('notes', () =>
    input.annotations.map((a: { note: string }, i: number) => embedNote(a.note, String(i))),
  );
  t('total', () => toMarkdown(input));
  let segs = 0;
  for (const b of plan.blocks) segs += b.segments.length;
  console.log('segments', segs);
});
