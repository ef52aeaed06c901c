import { describe, expect, it } from 'vitest';
import type { Annotation } from '../annotation/annotation-model';
import { buildTextQuote } from '../anchoring/text-quote';
import { defaultTaxonomy } from '../annotation/verdicts';
import { canonicalText, type Block } from '../article/article-model';
import { toClaimReview } from './claim-review';
import type { ArticleExportInput } from './export-input';
import { toMarkdown } from './markdown-export';
import { parseFactmarkMarkdown } from './parse-factmark-markdown';
import { exportBody, footnoteDefinitions, parseMarkdown } from './testing/read-export';
import { toW3cAnnotations } from './w3c-annotations';

/** A small deterministic PRNG, so the workload is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const WORDS = [
  'the',
  'minister',
  'said',
  'Iran’s',
  'forces',
  '“tribute”',
  'in',
  '2003,',
  'seven',
  'countries',
  '(IRGC)',
  'would',
  'be',
  'sent',
  'to',
  'border',
  'regions',
  '—',
  'not',
  'by',
  'US.',
  'officials',
  'claimed',
  'that',
  'a_b',
  '*stars*',
  '[notes]',
  'x=y',
  'www.example.org',
  '😀',
];

/**
 * 20,000 words in 200 paragraphs and 1,000 annotations, many overlapping, notes of all kinds;
 * one note in `parsedNoteEvery` holds raw HTML and a link definition, which takes the parser.
 */
function largeInput(parsedNoteEvery = 50): ArticleExportInput {
  const next = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const blocks: Block[] = [{ kind: 'headline', text: 'A long article' }];
  for (let p = 0; p < 200; p++) {
    const words = Array.from({ length: 100 }, () => pick(WORDS));
    blocks.push({ kind: 'paragraph', text: words.join(' ') });
  }
  const text = canonicalText(blocks);
  const notes = [
    '',
    'Checked against the ministry’s own figures.',
    '**Wrong.** See [the report](https://example.org/report) and `table 3`.\n\n- one\n- two',
    'Source: <https://example.org/data>, table 2:\n\n```\n2019  7.1%\n2020  8.4%\n```',
  ];
  /** A note only the parser can embed safely (HTML, a reference definition): the slow path. */
  const parsedNote = 'See <b>the memo</b> [here][m].\n\n[m]: https://example.org/memo';
  const annotations: Annotation[] = Array.from({ length: 1000 }, (_, index) => {
    const start = Math.floor(next() * (text.length - 400));
    const end = start + 10 + Math.floor(next() * 300);
    return {
      id: `a${index}`,
      start,
      end,
      quote: buildTextQuote(text, start, end),
      verdictId: pick([null, 'false', 'accurate', 'misleading', 'opinion']),
      status: pick(['unreviewed', 'in-progress', 'done'] as const),
      summary: `Claim number ${index}`,
      note: index % parsedNoteEvery === 0 ? parsedNote : pick(notes),
      labels: index % 3 === 0 ? ['economy'] : [],
      evidence:
        index % 2 === 0
          ? [
              {
                id: `e${index}`,
                url: `https://example.org/${index}`,
                title: 'Source',
                stance: 'refutes',
              },
            ]
          : [],
      anchor: 'anchored',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
  });
  return {
    article: {
      id: 'long',
      metadata: { title: 'A long article' },
      blocks,
      addedAt: '2024-01-01T00:00:00.000Z',
    },
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-01-02T00:00:00.000Z',
    generator: 'test',
  };
}

/**
 * Best of five runs: wall-clock and CPU milliseconds (CPU time is what the export costs when
 * the machine is busy with other work; the first run also pays for warming up).
 */
function time(run: () => unknown): { wall: number; cpu: number } {
  let wall = Infinity;
  let cpu = Infinity;
  for (let attempt = 0; attempt < 5; attempt++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    run();
    const used = process.cpuUsage(usage);
    wall = Math.min(wall, performance.now() - started);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

describe('export at scale (20,000 words, 1,000 annotations)', () => {
  const input = largeInput();

  it('exports every format, and the Markdown still parses with every footnote', () => {
    const markdown = toMarkdown(input);
    const everyNoteParsed = largeInput(1);
    const timings = {
      footnotes: time(() => toMarkdown(input)),
      criticmarkup: time(() => toMarkdown(input, { style: 'criticmarkup' })),
      w3c: time(() => toW3cAnnotations(input)),
      claimReview: time(() => toClaimReview(input)),
      'footnotes, every note parsed': time(() => toMarkdown(everyNoteParsed)),
    };
    // A fixed amount of plain JavaScript work, to read the timings against this machine's speed.
    const calibration = time(() => {
      let sum = 0;
      for (let i = 0; i < 1e8; i++) sum += i;
      return sum;
    });
    console.log(
      `export of 20,000 words / 1,000 annotations (best of 5; wall / CPU ms): ${Object.entries(
        timings,
      )
        .map(([name, { wall, cpu }]) => `${name} ${wall.toFixed(1)} / ${cpu.toFixed(1)}`)
        .join(', ')}; ${(markdown.length / 1024).toFixed(0)} KiB of Markdown; ` +
        `calibration (1e8-step loop) ${calibration.wall.toFixed(1)} ms`,
    );

    const definitions = footnoteDefinitions(parseMarkdown(exportBody(markdown), true));
    for (let n = 1; n <= 1000; n++) expect(definitions.has(String(n))).toBe(true);
    expect(parseFactmarkMarkdown(markdown)?.annotations).toHaveLength(1000);
    expect(toW3cAnnotations(input).total).toBe(1000);
  }, 120_000);
});
