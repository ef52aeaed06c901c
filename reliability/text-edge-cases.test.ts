import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../src/main/api/dispatcher';
import { call } from '../src/main/api/dispatcher';
import { openFactmark, type FactmarkLibrary } from '../src/main/services/open-factmark';
import { buildTextQuote } from '../src/shared/anchoring/text-quote';
import type { Annotation } from '../src/shared/annotation/annotation-model';
import { defaultTaxonomy } from '../src/shared/annotation/verdicts';
import { canonicalText, type Block } from '../src/shared/article/article-model';
import { exportArticle } from '../src/shared/export/export-document';
import { makeTempDir, removeTempDirs } from './support/files';
import { RESOURCES_DIR } from './support/paths';
import { recordResult } from './support/report';

/** Text a fact-checker meets in real articles, and the spans of it that get highlighted. */
const SEGMENTS: Record<string, string> = {
  'emoji with skin tones': 'Thumbs 👍🏽 and 👋🏿 waves',
  'ZWJ family and flag': 'the 👨‍👩‍👧‍👦 family under 🏳️‍🌈 flags',
  'combining marks (NFD)':
    'Cafe\u0301 cre\u0300me bru\u0302le\u0301e, Z\u0324\u0354\u0367\u0311a\u0308\u0356\u032d',
  'right-to-left with bidi controls':
    'قال المتحدث \u202Bإن الرقم 40\u202C و \u2067שלום עולם\u2069 \u200F!',
  'bidi override (Trojan Source)': 'access \u202Eevil\u202C granted \u2066\u2069',
  'zero-width joiner and non-joiner': 'می\u200Cخواهم and a\u200Db\u200Bc\uFEFFd',
  'astral CJK and math': '𠀋𡈽𡌛 and 𝐀𝐁𝐂 ≠ ABC',
};

const ARTICLE_ID = 'unicode-edge-cases';
const BIG_ID = 'one-megabyte-paragraph';
const MANY_ID = 'ten-thousand-claims';
const MANY = 10_000;

let dataDir: string;
let library: FactmarkLibrary;
let dispatch: Dispatch;
const rows = { cases: 0, failures: 0 };

/** A paragraph of about `units` UTF-16 code units mixing ASCII, emoji, combining marks and RTL. */
function bigParagraph(units: number): string {
  const pieces = [
    'The council said ',
    '👍🏽 ',
    'e\u0301 ',
    'שלום ',
    '𝐀 ',
    'and then ',
    '👨‍👩‍👧 ',
    '\u202Bرقم\u202C ',
  ];
  let text = '';
  for (let i = 0; text.length < units; i++) text += pieces[i % pieces.length];
  return `${text.trimEnd()}.`;
}

beforeAll(async () => {
  dataDir = await makeTempDir('factmark-text-');
  library = await openFactmark({ dataDir, resourcesDir: RESOURCES_DIR });
  dispatch = library.dispatch;
  // Articles are written straight through the store: import would normalise (NFC), and these
  // must reach the annotation code exactly as given.
  const blocks: Block[] = [
    { kind: 'headline', text: 'Unicode in the news 👍🏽' },
    ...Object.values(SEGMENTS).map((text) => ({ kind: 'paragraph' as const, text })),
  ];
  await library.store.writeArticle({
    article: {
      id: ARTICLE_ID,
      metadata: { title: 'Unicode in the news 👍🏽' },
      blocks,
      addedAt: '2026-01-02T00:00:00.000Z',
    },
    annotations: [],
  });
  await library.store.writeArticle({
    article: {
      id: BIG_ID,
      metadata: { title: 'A very long paragraph' },
      blocks: [
        { kind: 'headline', text: 'A very long paragraph' },
        { kind: 'paragraph', text: bigParagraph(1_048_576) },
      ],
      addedAt: '2026-01-03T00:00:00.000Z',
    },
    annotations: [],
  });
});

afterAll(async () => {
  await library.close();
  await removeTempDirs();
  recordResult({ area: 'Unicode, 1 MB paragraph, 10,000 claims', ...rows, dataLost: 0 });
});

function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** What must hold for a claim made on `text[start..end)`. */
function quoteProblems(annotation: Annotation, text: string, start: number, end: number): string[] {
  const problems: string[] = [];
  const { exact, prefix, suffix } = annotation.quote;
  if (annotation.start !== start || annotation.end !== end)
    problems.push(`offsets ${annotation.start}..${annotation.end}`);
  if (exact !== text.slice(start, end)) problems.push(`exact ${JSON.stringify(exact)}`);
  if (text.slice(start - prefix.length, start) !== prefix)
    problems.push('prefix does not end at start');
  if (text.slice(end, end + suffix.length) !== suffix)
    problems.push('suffix does not start at end');
  if (!isWellFormed(prefix) || !isWellFormed(suffix))
    problems.push('context splits a surrogate pair');
  return problems;
}

async function getRecord(articleId: string, from = dispatch) {
  const record = await call(from, 'getArticle', { articleId });
  if (!record.ok) throw new Error(record.error.message);
  return record.value;
}

describe('Unicode through createAnnotation, the store and export', () => {
  it('highlights every kind of text with exact offsets and quotes, kept byte for byte across a restart', async () => {
    const text = canonicalText((await getRecord(ARTICLE_ID)).article.blocks);
    const problems: string[] = [];
    const made: Annotation[] = [];
    for (const [kind, segment] of Object.entries(SEGMENTS)) {
      const at = text.indexOf(segment);
      // The whole segment, and a span inside it that starts and ends on code point boundaries
      // (inside a grapheme: between a letter and its mark, inside a ZWJ sequence).
      const codePoints = [...segment];
      const innerStart = at + codePoints.slice(0, 2).join('').length;
      const innerEnd = at + codePoints.slice(0, -2).join('').length;
      for (const [start, end] of [
        [at, at + segment.length],
        [innerStart, innerEnd],
      ] as const) {
        const created = await call(dispatch, 'createAnnotation', {
          articleId: ARTICLE_ID,
          start,
          end,
        });
        rows.cases++;
        if (!created.ok) {
          rows.failures++;
          problems.push(`${kind} ${start}..${end}: ${created.error.message}`);
          continue;
        }
        const found = quoteProblems(created.value, text, start, end);
        if (found.length > 0) rows.failures++;
        problems.push(...found.map((p) => `${kind} ${start}..${end}: ${p}`));
        made.push(created.value);
      }
    }
    // Notes with the same text, up to the contract's megabyte.
    const note = `${Object.values(SEGMENTS).join('\n')}\n${'👍🏽'.repeat(200_000)}`.slice(
      0,
      1_000_000,
    );
    const updated = await call(dispatch, 'updateAnnotation', {
      articleId: ARTICLE_ID,
      annotationId: made[0]!.id,
      patch: { note, labels: ['שלום', '👍🏽'] },
    });
    rows.cases++;
    if (!updated.ok || updated.value.note !== note) {
      rows.failures++;
      problems.push(`note: ${updated.ok ? 'changed' : updated.error.message}`);
    }

    // A fresh process would see exactly this.
    const reopened = await openFactmark({
      dataDir: `${dataDir}`,
      resourcesDir: RESOURCES_DIR,
      readOnly: true,
    });
    const stored = (await getRecord(ARTICLE_ID, reopened.dispatch)).annotations;
    await reopened.close();
    const expected = made.map((a) => (a.id === made[0]!.id && updated.ok ? updated.value : a));
    const byId = new Map(stored.map((a) => [a.id, a]));
    rows.cases++;
    if (!expected.every((a) => JSON.stringify(byId.get(a.id)) === JSON.stringify(a))) {
      rows.failures++;
      problems.push('stored claims differ from what the API returned');
    }
    expect(problems).toEqual([]);
  });

  it('refuses a highlight that would split a surrogate pair (half an emoji)', async () => {
    const text = canonicalText((await getRecord(ARTICLE_ID)).article.blocks);
    const emoji = text.indexOf('👍🏽', 10); // the one in the body: four code units, two code points
    const accepted: string[] = [];
    for (const [start, end] of [
      [emoji + 1, emoji + 4],
      [emoji, emoji + 1],
      [emoji + 1, emoji + 3],
    ] as const) {
      const result = await call(dispatch, 'createAnnotation', {
        articleId: ARTICLE_ID,
        start,
        end,
      });
      if (result.ok) accepted.push(`${start}..${end}`);
      else expect(result.error.code).toBe('invalid-input');
    }
    recordResult({
      area: 'createAnnotation splitting a surrogate pair',
      cases: 3,
      failures: accepted.length,
      dataLost: 0,
    });
    expect(accepted).toEqual([]);
  });

  it('exports the highlights with exact quotes and code-point positions (W3C), and well-formed Markdown', async () => {
    const record = await getRecord(ARTICLE_ID);
    const text = canonicalText(record.article.blocks);
    const input = {
      ...record,
      taxonomy: defaultTaxonomy(),
      exportedAt: '2026-01-01T00:00:00.000Z',
      generator: 'reliability',
    };
    const problems: string[] = [];
    const w3c = JSON.parse(exportArticle(input, 'w3c').content) as unknown;
    const annotations =
      (w3c as { first?: { items?: unknown[] }; items?: unknown[] }).first?.items ??
      (w3c as { items?: unknown[] }).items ??
      [];
    for (const claim of record.annotations) {
      const json = JSON.stringify(annotations);
      const codePointStart = [...text.slice(0, claim.start)].length;
      const codePointEnd = codePointStart + [...claim.quote.exact].length;
      if (!json.includes(JSON.stringify(claim.quote.exact)))
        problems.push(`W3C lacks the exact quote of ${claim.id}`);
      if (!json.includes(`"start":${codePointStart},"end":${codePointEnd}`)) {
        problems.push(
          `W3C lacks the code-point position ${codePointStart}..${codePointEnd} of ${claim.id}`,
        );
      }
    }
    for (const format of ['markdown', 'criticmarkup'] as const) {
      const content = exportArticle(input, format).content;
      if (!isWellFormed(content)) problems.push(`${format} is not well-formed Unicode`);
      for (const segment of Object.values(SEGMENTS)) {
        // Every character of the article survives (escaping may add characters around them).
        for (const char of new Set([...segment].filter((c) => c.codePointAt(0)! > 0x2000))) {
          if (!content.includes(char)) problems.push(`${format} lost ${JSON.stringify(char)}`);
        }
      }
    }
    rows.cases += 3;
    if (problems.length > 0) rows.failures++;
    expect(problems).toEqual([]);
  });
});

describe('a 1 MB paragraph', () => {
  it('takes highlights at its start, middle and end with exact quotes, across a restart', async () => {
    const text = canonicalText((await getRecord(BIG_ID)).article.blocks);
    expect(text.length).toBeGreaterThan(1_048_576);
    const problems: string[] = [];
    const made: Annotation[] = [];
    // Code point boundaries near each place.
    const boundary = (at: number) => (/[\uDC00-\uDFFF]/.test(text[at] ?? '') ? at + 1 : at);
    for (const at of [30, Math.floor(text.length / 2), text.length - 40]) {
      const start = boundary(at);
      const end = boundary(Math.min(start + 25, text.length));
      const created = await call(dispatch, 'createAnnotation', { articleId: BIG_ID, start, end });
      rows.cases++;
      if (!created.ok) {
        rows.failures++;
        problems.push(`${start}..${end}: ${created.error.message}`);
        continue;
      }
      const found = quoteProblems(created.value, text, start, end);
      if (found.length > 0) rows.failures++;
      problems.push(...found);
      made.push(created.value);
    }
    const reopened = await openFactmark({ dataDir, resourcesDir: RESOURCES_DIR, readOnly: true });
    const stored = (await getRecord(BIG_ID, reopened.dispatch)).annotations;
    await reopened.close();
    rows.cases++;
    if (JSON.stringify(stored) !== JSON.stringify(made)) {
      rows.failures++;
      problems.push('stored claims differ');
    }
    expect(problems).toEqual([]);
  });
});

describe('10,000 claims on one article', () => {
  it('creates, updates and deletes through the API with exact offsets, and keeps all of them', async () => {
    const text = bigParagraph(200_000);
    const blocks: Block[] = [
      { kind: 'headline', text: 'Ten thousand claims' },
      { kind: 'paragraph', text },
    ];
    const canonical = canonicalText(blocks);
    const base = 'Ten thousand claims\n\n'.length;
    // Spans on code point boundaries, spread over the paragraph, in text order.
    const starts: number[] = [];
    for (let at = base; starts.length < MANY; at += 17) {
      starts.push(/[\uDC00-\uDFFF]/.test(canonical[at] ?? '') ? at + 1 : at);
    }
    const now = '2026-01-04T00:00:00.000Z';
    const annotations: Annotation[] = starts.map((start, i) => {
      let end = Math.min(start + 9, canonical.length);
      if (/[\uDC00-\uDFFF]/.test(canonical[end] ?? '')) end += 1;
      return {
        id: `claim-${i}`,
        start,
        end,
        quote: buildTextQuote(canonical, start, end),
        verdictId: i % 3 === 0 ? 'false' : null,
        status: 'unreviewed',
        summary: canonical.slice(start, end).replace(/\s+/g, ' ').trim().slice(0, 75) || 'claim',
        note: `note ${i}`,
        labels: [],
        evidence: [],
        anchor: 'anchored',
        createdAt: now,
        updatedAt: now,
      };
    });
    await library.store.writeArticle({
      article: { id: MANY_ID, metadata: { title: 'Ten thousand claims' }, blocks, addedAt: now },
      annotations,
    });

    const problems: string[] = [];
    const loaded = await getRecord(MANY_ID);
    if (loaded.annotations.length !== MANY) problems.push(`loaded ${loaded.annotations.length}`);
    const start = base + 5;
    const created = await call(dispatch, 'createAnnotation', {
      articleId: MANY_ID,
      start,
      end: start + 12,
    });
    if (!created.ok) problems.push(`create: ${created.error.message}`);
    else problems.push(...quoteProblems(created.value, canonical, start, start + 12));
    const updated = await call(dispatch, 'updateAnnotation', {
      articleId: MANY_ID,
      annotationId: 'claim-5000',
      patch: { note: 'updated 👍🏽', verdictId: 'misleading' },
    });
    if (!updated.ok || updated.value.quote.exact !== annotations[5000]!.quote.exact)
      problems.push('update changed the quote');
    const deleted = await call(dispatch, 'deleteAnnotation', {
      articleId: MANY_ID,
      annotationId: 'claim-0',
    });
    if (!deleted.ok) problems.push(`delete: ${deleted.error.message}`);

    const reopened = await openFactmark({ dataDir, resourcesDir: RESOURCES_DIR, readOnly: true });
    const stored = (await getRecord(MANY_ID, reopened.dispatch)).annotations;
    const listed = await call(reopened.dispatch, 'getLibrary', {});
    await reopened.close();
    if (stored.length !== MANY) problems.push(`${stored.length} claims stored, expected ${MANY}`);
    const storedById = new Map(stored.map((a) => [a.id, a]));
    const changed = annotations.filter(
      (a) =>
        a.id !== 'claim-0' &&
        a.id !== 'claim-5000' &&
        JSON.stringify(storedById.get(a.id)) !== JSON.stringify(a),
    );
    if (changed.length > 0) problems.push(`${changed.length} untouched claims changed`);
    if (storedById.get('claim-5000')?.note !== 'updated 👍🏽') problems.push('the update is missing');
    if (
      created.ok &&
      JSON.stringify(storedById.get(created.value.id)) !== JSON.stringify(created.value)
    )
      problems.push('the new claim differs');
    const inOrder = stored.every(
      (a, i) =>
        i === 0 ||
        stored[i - 1]!.start < a.start ||
        (stored[i - 1]!.start === a.start && stored[i - 1]!.end <= a.end),
    );
    if (!inOrder) problems.push('claims are not in text order');
    const summary = listed.ok ? listed.value.articles.find((a) => a.id === MANY_ID) : undefined;
    if (summary?.claimCount !== MANY) problems.push(`index claim count ${summary?.claimCount}`);
    rows.cases += 4;
    if (problems.length > 0) rows.failures++;
    expect(problems).toEqual([]);
  });
});
