import type { ArticleExportInput, ExportOptions } from './export-input';
import { toClaimReview } from './claim-review';
import { toMarkdown } from './markdown-export';
import { safeFileName } from './safe-file-name';
import { toW3cAnnotations } from './w3c-annotations';

/** The formats an article can be exported in. */
export const exportFormats = ['markdown', 'criticmarkup', 'w3c', 'claimreview'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Labels for people, per format. */
export const exportFormatLabels: Record<ExportFormat, string> = {
  markdown: 'Markdown',
  criticmarkup: 'Markdown (CriticMarkup)',
  w3c: 'W3C Web Annotations (JSON-LD)',
  claimreview: 'ClaimReview (JSON-LD)',
};

/** A finished export: its text, the file name to suggest, and its media type. */
export interface ExportDocument {
  content: string;
  fileName: string;
  mimeType: string;
}

/**
 * Exports an article in one format. The app's Export dialog and the CLI both call this, so the
 * same article and options give the same bytes from either (but for `exported_at`).
 */
export function exportArticle(
  input: ArticleExportInput,
  format: ExportFormat,
  options: Partial<Omit<ExportOptions, 'style'>> = {},
): ExportDocument {
  const title = input.article.metadata.title;
  switch (format) {
    case 'markdown':
    case 'criticmarkup':
      return {
        content: toMarkdown(input, {
          ...options,
          style: format === 'markdown' ? 'footnotes' : 'criticmarkup',
        }),
        fileName: safeFileName(title, 'md'),
        mimeType: 'text/markdown',
      };
    case 'w3c':
      return {
        content: `${JSON.stringify(toW3cAnnotations(input, options), null, 2)}\n`,
        fileName: safeFileName(title, 'jsonld'),
        mimeType: 'application/ld+json',
      };
    case 'claimreview':
      return {
        content: `${JSON.stringify(toClaimReview(input, options), null, 2)}\n`,
        fileName: safeFileName(`${title} ClaimReview`, 'jsonld'),
        mimeType: 'application/ld+json',
      };
  }
}
