import { isWebUrl, shortenText, SUMMARY_MAX_LENGTH } from '../annotation/annotation-model';
import { includedAnnotations, type ArticleExportInput, type ExportOptions } from './export-input';
import { verdictIndex } from './export-plan';

/** Where a claim appeared: the article, by URL when it has a web URL. */
export interface ClaimAppearance {
  '@type': 'CreativeWork';
  headline: string;
  url?: string;
  /** The article's source (a file name or site) when it has no URL. */
  name?: string;
  author?: { '@type': 'Person'; name: string };
  datePublished?: string;
}

/** A schema.org ClaimReview for one claim with a rated verdict. */
export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  claimReviewed: string;
  reviewRating: {
    '@type': 'Rating';
    alternateName: string;
    ratingValue: number;
    bestRating: 5;
    worstRating: 1;
  };
  itemReviewed: {
    '@type': 'Claim';
    appearance: ClaimAppearance;
    author?: { '@type': 'Person'; name: string };
  };
  datePublished: string;
  url?: string;
}

/**
 * One schema.org ClaimReview (JSON-LD) per claim whose verdict has a rating; claims with no
 * verdict, an unknown one, or an unrated one (Opinion, Satire) are left out. `claimReviewed`
 * is the claim summary (the quote, shortened, when the summary is empty); the rating's
 * `alternateName` is the verdict label and `ratingValue` its 1..5 rating. `url` (and the
 * appearance's) is the article's URL when it is an http(s) link; otherwise the appearance
 * names the article's source.
 */
export function toClaimReview(
  input: ArticleExportInput,
  options: Partial<Pick<ExportOptions, 'includeUnreviewed'>> = {},
): ClaimReview[] {
  const { metadata } = input.article;
  const url =
    metadata.url !== undefined && isWebUrl(metadata.url) ? new URL(metadata.url).href : undefined;
  const verdicts = verdictIndex(input.taxonomy);
  const author =
    metadata.author !== undefined && metadata.author.trim() !== ''
      ? { '@type': 'Person' as const, name: metadata.author }
      : undefined;
  const appearance: ClaimAppearance = {
    '@type': 'CreativeWork',
    headline: metadata.title,
    ...(url !== undefined
      ? { url }
      : metadata.source !== undefined
        ? { name: metadata.source }
        : {}),
    ...(author ? { author } : {}),
    ...(metadata.published !== undefined ? { datePublished: metadata.published } : {}),
  };

  const reviews: ClaimReview[] = [];
  const annotations = includedAnnotations(input.annotations, {
    includeUnreviewed: options.includeUnreviewed ?? true,
  });
  for (const annotation of annotations) {
    const verdict = annotation.verdictId === null ? undefined : verdicts.get(annotation.verdictId);
    if (!verdict || verdict.rating === null) continue;
    const summary = annotation.summary.replace(/\s+/g, ' ').trim();
    const shortQuote = shortenText(annotation.quote.exact, SUMMARY_MAX_LENGTH);
    reviews.push({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: summary || shortQuote || annotation.quote.exact,
      reviewRating: {
        '@type': 'Rating',
        alternateName: verdict.label,
        ratingValue: verdict.rating,
        bestRating: 5,
        worstRating: 1,
      },
      itemReviewed: { '@type': 'Claim', appearance, ...(author ? { author } : {}) },
      datePublished: input.exportedAt,
      ...(url !== undefined ? { url } : {}),
    });
  }
  return reviews;
}
