import type {
  Annotation,
  ClaimStatus,
  Evidence,
} from '../../src/shared/annotation/annotation-model';
import { shortenText } from '../../src/shared/annotation/annotation-model';
import { buildTextQuote } from '../../src/shared/anchoring/text-quote';
import { mulberry32 } from '../../src/shared/anchoring/reanchor-workload';
import { placeBlocks, type Article, type Block } from '../../src/shared/article/article-model';
import type { ArticleRecord } from '../../src/main/store/store-types';

/** A seeded PRNG (mulberry32): equal seeds give equal data on every run and machine. */
export const seededRandom = mulberry32;

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)] as T;

const SUBJECTS = [
  'The minister',
  'A council spokesperson',
  'The senator',
  'Officials at the agency',
  'The mayor',
  'The company’s chief executive',
  'A government report',
  'The opposition leader',
  'Researchers at the university',
  'The health department',
];
const VERBS = [
  'said',
  'claimed',
  'told reporters',
  'announced',
  'insisted',
  'estimated',
  'wrote in a statement',
  'argued',
];
const WORDS = (
  'the budget tax unemployment rate rose fell doubled since last year percent of households ' +
  'hospital waiting lists crime figures in the region national average housing prices energy ' +
  'bills wages inflation more than half of all schools million people billion pounds record ' +
  'highest lowest level decade border migration police officers new programme would cut ' +
  'emissions by the end of the year according to official data published on Monday while ' +
  'critics disputed the figures and economists warned that the estimate was not comparable'
).split(' ');

/** One sentence of news copy: a source, a verb of saying, a claim with a figure in it. */
function sentence(random: Random): string {
  const length = 8 + Math.floor(random() * 16);
  const words: string[] = [];
  for (let i = 0; i < length; i += 1) words.push(pick(random, WORDS));
  const figure = `${Math.floor(random() * 990) + 10}${random() < 0.5 ? '%' : ' million'}`;
  words.splice(Math.floor(random() * words.length), 0, figure);
  if (random() < 0.3) words.splice(Math.floor(words.length / 2), 0, '—');
  return `${pick(random, SUBJECTS)} ${pick(random, VERBS)} that ${words.join(' ')}.`;
}

/** A paragraph of about `words` words. */
function paragraph(random: Random, words: number): string {
  const sentences: string[] = [];
  let count = 0;
  while (count < words) {
    const next = sentence(random);
    sentences.push(next);
    count += next.split(' ').length;
  }
  return sentences.join(' ');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A fixed, increasing timestamp: the i-th article or annotation of a run. */
function timestamp(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

/** An article of about `words` words in paragraphs of ~100 words, with headline and byline. */
export function generateArticle(options: {
  id: string;
  title: string;
  words: number;
  seed: number;
  /** Minutes after 2024-01-01 the article was added (the library lists newest first). */
  addedMinute?: number;
}): Article {
  const random = seededRandom(options.seed);
  const blocks: Block[] = [
    { kind: 'headline', text: options.title },
    { kind: 'byline', text: 'By Bench Writer · 2 January 2024' },
  ];
  let words = 0;
  while (words < options.words) {
    const text = paragraph(random, Math.min(100, options.words - words));
    blocks.push({ kind: 'paragraph', text });
    words += wordCount(text);
  }
  return {
    id: options.id,
    metadata: { title: options.title, published: '2024-01-02', source: 'factmark bench' },
    blocks,
    addedAt: timestamp('2024-01-01T00:00:00.000Z', options.addedMinute ?? 0),
  };
}

const VERDICTS = [
  'accurate',
  'mostly-accurate',
  'missing-context',
  'misleading',
  'false',
  'unsupported',
  'opinion',
  null,
];
const STATUSES: readonly ClaimStatus[] = ['unreviewed', 'in-progress', 'done'];
const NOTES = [
  'Checked against the statistics office release; the figure is for England only.',
  'The **2019** baseline was revised in March. See [the revision](https://example.org/revision).',
  'Source says “more than half”, not “most”. Asked the press office for the underlying data.',
  'Compares a monthly figure with an annual one:\n\n- monthly: 2.1%\n- annual: 6.4%',
  'Accurate as stated, but leaves out that the target was lowered twice.',
  'No evidence offered. The report cited does not contain this number (`table 4`, p. 12).',
];

/**
 * `count` annotations with notes spread evenly over the article's paragraphs, on word
 * boundaries, in text order; a few nest inside another claim, as real overlapping claims do.
 */
export function generateAnnotations(article: Article, count: number, seed: number): Annotation[] {
  const random = seededRandom(seed);
  const text = article.blocks.map((b) => b.text).join('\n\n');
  const paragraphs = placeBlocks(article.blocks).filter((b) => b.kind === 'paragraph');
  const perParagraph = new Array<number>(paragraphs.length).fill(0);
  for (let i = 0; i < count; i += 1) {
    const index = Math.floor((i * paragraphs.length) / count);
    perParagraph[index] = (perParagraph[index] ?? 0) + 1;
  }
  const spans: Array<[number, number]> = [];
  paragraphs.forEach((block, p) => {
    const slots = perParagraph[p] ?? 0;
    if (slots === 0) return;
    const words = [...block.text.matchAll(/\S+/g)].map((m) => ({
      start: block.start + (m.index ?? 0),
      end: block.start + (m.index ?? 0) + m[0].length,
    }));
    for (let slot = 0; slot < slots; slot += 1) {
      const from = Math.floor((slot * words.length) / slots);
      const to = Math.max(from + 1, Math.floor(((slot + 1) * words.length) / slots));
      const first = from + Math.floor(random() * Math.max(1, (to - from) / 2));
      const length = 3 + Math.floor(random() * 25);
      const last = Math.min(to - 1, first + length);
      const startWord = words[first];
      const endWord = words[Math.max(first, last)];
      if (!startWord || !endWord) continue;
      spans.push([startWord.start, endWord.end]);
    }
  });
  // Every 25th claim becomes a shorter claim nested in its neighbour, as overlapping claims are.
  for (let i = 24; i < spans.length; i += 25) {
    const [start, end] = spans[i - 1] as [number, number];
    const inner = text.slice(start, end);
    const cut = inner.indexOf(' ', Math.floor(inner.length / 2));
    if (cut > 0) spans[i] = [start, start + cut];
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return spans.map(([start, end], i) => {
    const quote = buildTextQuote(text, start, end);
    const evidence: Evidence[] =
      i % 3 === 0
        ? [
            {
              id: `ev-${i}`,
              url: `https://example.org/source/${i}`,
              title: `Source document ${i}`,
              stance: pick(random, ['supports', 'refutes', 'context'] as const),
            },
          ]
        : [];
    const created = timestamp('2024-01-03T09:00:00.000Z', i);
    return {
      id: `claim-${String(i).padStart(4, '0')}`,
      start,
      end,
      quote,
      verdictId: pick(random, VERDICTS),
      status: pick(random, STATUSES),
      summary: shortenText(quote.exact, 75),
      note: pick(random, NOTES),
      labels: i % 4 === 0 ? [pick(random, ['economy', 'health', 'crime', 'housing'])] : [],
      evidence,
      anchor: 'anchored',
      createdAt: created,
      updatedAt: created,
    };
  });
}

/** The long article of scenarios 1, 2, 5 and 7 with its annotations. */
export function longArticleRecord(words: number, annotations: number): ArticleRecord {
  const article = generateArticle({
    id: 'bench-long',
    title: `Benchmark: a ${words.toLocaleString('en-US')}-word article`,
    words,
    seed: 20_000,
    addedMinute: 1,
  });
  return { article, annotations: generateAnnotations(article, annotations, 1_000) };
}

/** The short article the long one is opened from. */
export function shortArticleRecord(): ArticleRecord {
  const article = generateArticle({
    id: 'bench-short',
    title: 'Benchmark: a short article',
    words: 300,
    seed: 300,
    addedMinute: 0,
  });
  return { article, annotations: generateAnnotations(article, 3, 3) };
}

/** The i-th article of the many-article library: 2,000 words and a handful of claims. */
export function libraryArticleRecord(index: number, words: number): ArticleRecord {
  const article = generateArticle({
    id: `bench-lib-${String(index).padStart(4, '0')}`,
    title: `Library article ${index + 1}`,
    words,
    seed: 100_000 + index,
    addedMinute: 10 + index,
  });
  return { article, annotations: generateAnnotations(article, 5, 200_000 + index) };
}
