import type { Annotation, Evidence } from '../../annotation/annotation-model';
import { buildTextQuote } from '../../anchoring/text-quote';
import { defaultTaxonomy } from '../../annotation/verdicts';
import { canonicalText, type Article, type Block } from '../../article/article-model';
import type { ArticleExportInput } from '../export-input';

/**
 * The sample article's blocks, cut by hand (not by the text parser, so the golden file only
 * changes when the export does): header lines, caption, body paragraphs, trailing chrome.
 */
export function sampleBlocks(sampleText: string): Block[] {
  const paragraphs = sampleText.trim().split(/\n\n+/);
  const [header = '', caption = '', ...rest] = paragraphs;
  const [headline = '', dek = '', byline = ''] = header.split('\n');
  const chrome = rest.pop() ?? '';
  return [
    { kind: 'headline', text: headline },
    { kind: 'dek', text: dek },
    { kind: 'byline', text: byline },
    { kind: 'caption', text: caption },
    ...rest.map((text): Block => ({ kind: 'paragraph', text })),
    { kind: 'chrome', text: chrome },
  ];
}

/** A note that uses most of Markdown, plus the characters the export must survive. */
export const MARKDOWN_HEAVY_NOTE = [
  '**Bold** and _emphasis_, a [link](https://example.org/a_(b)) and `code | pipe`.',
  '[^1]: not a footnote of ours',
  '# Not a heading of the article',
  '',
  '> Quoted *source*',
  '',
  '1. first',
  '2. second',
  '',
  '- bullet',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '```',
  'code block ==} <<}',
  '```',
  '',
  '<script>alert("x")</script> &amp; ==mark== {>>comment<<} 😀 שלום',
].join('\n');

const TIME = '2024-05-01T12:00:00.000Z';

function evidence(id: string, url: string, title: string, stance: Evidence['stance']): Evidence {
  return { id, url, title, stance };
}

/** The fixed set of annotations the golden file is made from. */
export function sampleExportInput(sampleText: string): ArticleExportInput {
  const blocks = sampleBlocks(sampleText);
  const text = canonicalText(blocks);
  const annotate = (
    id: string,
    exact: string,
    fields: Partial<Annotation> = {},
    occurrence = 0,
  ): Annotation => {
    let start = -1;
    for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(exact, start + 1);
    if (start < 0) throw new Error(`"${exact}" is not in the sample`);
    const end = start + exact.length;
    return {
      id,
      start,
      end,
      quote: buildTextQuote(text, start, end),
      verdictId: null,
      status: 'done',
      summary: '',
      note: '',
      labels: [],
      evidence: [],
      anchor: 'anchored',
      createdAt: TIME,
      updatedAt: TIME,
      ...fields,
    };
  };

  const article: Article = {
    id: 'sample-article',
    metadata: {
      title: blocks[0]?.text ?? '',
      dek: blocks[1]?.text,
      author: 'News Desk',
      published: '2022-11-27',
      source: 'Factmark sample article',
    },
    blocks,
    addedAt: TIME,
  };

  const annotations: Annotation[] = [
    annotate(
      'a-clark-speech',
      'a speech made by US General Wesley Clark at the height of the so-called “War on Terror” in 2003',
      {
        verdictId: 'accurate',
        summary: 'Clark gave a speech in 2003 about US war plans',
        note: 'Clark said this in a **2007** interview, recalling a 2001 memo.',
        evidence: [
          evidence(
            'e1',
            'https://www.democracynow.org/2007/3/2/gen_wesley_clark_weighs_presidential_bid',
            'Democracy Now! interview, 2 March 2007',
            'refutes',
          ),
        ],
      },
    ),
    annotate(
      'a-clark-name',
      'US General Wesley Clark',
      {
        verdictId: 'mostly-accurate',
        status: 'in-progress',
        summary: 'Wesley Clark was a US general',
        labels: ['people'],
      },
      1,
    ),
    annotate(
      'a-seven',
      'plans to attack seven Muslim countries (Iraq, Lebanon, Syria, Libya, Somalia, Sudan, and Iran)',
      {
        verdictId: 'misleading',
        summary: 'The US planned to attack seven countries',
        note: MARKDOWN_HEAVY_NOTE,
        labels: ['foreign policy', 'Iran'],
        evidence: [
          evidence('e2', 'https://example.org/memo?a=1&b=[2]', 'The "memo" | a *claim*', 'context'),
          evidence('e3', 'https://example.org/no-title', '', 'supports'),
        ],
      },
    ),
    annotate(
      'a-failed',
      'Iran), but had failed to accomplish their goals in Syria, Iraq, and Lebanon',
      {
        verdictId: 'false',
        summary: 'The US failed in Syria, Iraq and Lebanon',
        note: 'Two lines:\nthe second one.',
      },
    ),
    annotate('a-tribute', '“tribute”', { status: 'unreviewed' }),
    annotate('a-dek', 'seven countries in five years', {
      verdictId: 'false',
      summary: 'Clark said seven countries in five years',
      note: 'The [memo] he described listed them.\n\n[memo]: https://example.org/memo "The memo"',
    }),
    annotate('a-headline', 'rejects talks with US', {
      verdictId: 'opinion',
      summary: 'Khamenei rejects talks',
      note: 'Headline wording.',
    }),
    {
      ...annotate('a-orphan', 'Iran’s Supreme Leader'),
      anchor: 'orphaned',
      verdictId: 'unsupported',
      summary: 'A sentence that was edited away',
      quote: { exact: 'a sentence that is no longer there', prefix: '', suffix: '' },
    },
  ];

  return {
    article,
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-05-02T09:30:00.000Z',
    generator: 'Factmark 0.1.0',
  };
}
