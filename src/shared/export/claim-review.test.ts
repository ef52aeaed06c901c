import Ajv from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../annotation/annotation-model';
import { defaultTaxonomy } from '../annotation/verdicts';
import { toClaimReview } from './claim-review';
import type { ArticleExportInput } from './export-input';
import schema from './schemas/claim-review.schema.json';
import { exportInputArbitrary } from './testing/arbitraries';

const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function claim(id: string, fields: Partial<Annotation>): Annotation {
  return {
    id,
    start: 0,
    end: 5,
    quote: { exact: 'Quote of the claim', prefix: '', suffix: '' },
    verdictId: null,
    status: 'done',
    summary: '',
    note: '',
    labels: [],
    evidence: [],
    anchor: 'anchored',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...fields,
  };
}

function input(annotations: Annotation[], metadata = {}): ArticleExportInput {
  return {
    article: {
      id: 'a',
      metadata: { title: 'Headline', ...metadata },
      blocks: [{ kind: 'paragraph', text: 'Quote of the claim' }],
      addedAt: '2024-01-01T00:00:00.000Z',
    },
    annotations,
    taxonomy: defaultTaxonomy(),
    exportedAt: '2024-03-04T05:06:07.000Z',
    generator: 'test',
  };
}

describe('toClaimReview', () => {
  it('writes one ClaimReview per claim whose verdict has a rating', () => {
    const reviews = toClaimReview(
      input(
        [
          claim('1', { verdictId: 'false', summary: 'The claim  is\nwrong' }),
          claim('2', { verdictId: 'opinion', summary: 'An opinion' }),
          claim('3', { verdictId: null, summary: 'No verdict yet' }),
          claim('4', { verdictId: 'gone', summary: 'Verdict deleted' }),
          claim('5', { verdictId: 'mostly-accurate' }),
        ],
        {
          url: 'https://news.example/story',
          author: 'Jane Doe',
          published: '2022-11-27',
        },
      ),
    );
    expect(reviews.map((review) => review.claimReviewed)).toEqual([
      'The claim is wrong',
      'Quote of the claim',
    ]);
    expect(reviews[0]).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'The claim is wrong',
      reviewRating: {
        '@type': 'Rating',
        alternateName: 'False',
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
      },
      itemReviewed: {
        '@type': 'Claim',
        appearance: {
          '@type': 'CreativeWork',
          headline: 'Headline',
          url: 'https://news.example/story',
          author: { '@type': 'Person', name: 'Jane Doe' },
          datePublished: '2022-11-27',
        },
        author: { '@type': 'Person', name: 'Jane Doe' },
      },
      datePublished: '2024-03-04T05:06:07.000Z',
      url: 'https://news.example/story',
    });
    expect(reviews[1]?.reviewRating.ratingValue).toBe(4);
    expect(validate(reviews), JSON.stringify(validate.errors)).toBe(true);
  });

  it('names the source when the article has no web URL, and has no url of its own', () => {
    const [review] = toClaimReview(
      input([claim('1', { verdictId: 'accurate' })], { source: 'notes.txt', url: 'not a url' }),
    );
    expect(review?.itemReviewed.appearance).toEqual({
      '@type': 'CreativeWork',
      headline: 'Headline',
      name: 'notes.txt',
    });
    expect(review).not.toHaveProperty('url');
    expect(review?.itemReviewed).not.toHaveProperty('author');
    expect(validate([review])).toBe(true);
  });

  it('leaves out unreviewed claims on request', () => {
    const claims = [claim('1', { verdictId: 'false', status: 'unreviewed' })];
    expect(toClaimReview(input(claims))).toHaveLength(1);
    expect(toClaimReview(input(claims), { includeUnreviewed: false })).toHaveLength(0);
  });

  it('the schema rejects reviews schema.org consumers would reject', () => {
    const [review] = toClaimReview(input([claim('1', { verdictId: 'false' })]));
    expect(validate([{ ...review, claimReviewed: '' }])).toBe(false);
    expect(
      validate([{ ...review, reviewRating: { ...review!.reviewRating, ratingValue: 6 } }]),
    ).toBe(false);
    const { itemReviewed: _dropped, ...noItem } = review!;
    expect(validate([noItem])).toBe(false);
  });

  it('is valid for any claims', () => {
    fc.assert(
      fc.property(exportInputArbitrary, (arbitrary) => {
        const reviews = toClaimReview(arbitrary);
        expect(validate(reviews), JSON.stringify(validate.errors)).toBe(true);
        const rated = arbitrary.annotations.filter((a) =>
          arbitrary.taxonomy.verdicts.some((v) => v.id === a.verdictId && v.rating !== null),
        );
        expect(reviews).toHaveLength(rated.length);
      }),
      { numRuns: 200 },
    );
  });
});
