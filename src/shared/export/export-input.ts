import type { Annotation } from '../annotation/annotation-model';
import type { Taxonomy } from '../annotation/verdicts';
import type { Article } from '../article/article-model';

/** Everything an export is made from: one article, its annotations and the verdicts they use. */
export interface ArticleExportInput {
  article: Article;
  annotations: Annotation[];
  taxonomy: Taxonomy;
  /** ISO 8601 timestamp written as `exported_at`; the only part of an export that varies by run. */
  exportedAt: string;
  /** Who made the file, e.g. "Factmark 0.1.0". */
  generator: string;
}

/** How highlighted spans are written in Markdown: GFM footnotes (default) or CriticMarkup. */
export type MarkdownStyle = 'footnotes' | 'criticmarkup';

/** What goes into an export. */
export interface ExportOptions {
  style: MarkdownStyle;
  /** Include claims whose status is still `unreviewed` (default true). */
  includeUnreviewed: boolean;
  /** Close the Markdown with a "Claims" table (number, summary, verdict, status). */
  includeClaimsTable: boolean;
}

/** The options an export uses when the caller gives none. */
export const defaultExportOptions: Readonly<ExportOptions> = {
  style: 'footnotes',
  includeUnreviewed: true,
  includeClaimsTable: false,
};

/** Fills in the options a caller left out with `defaultExportOptions`. */
export function resolveExportOptions(options: Partial<ExportOptions> = {}): ExportOptions {
  return {
    style: options.style ?? defaultExportOptions.style,
    includeUnreviewed: options.includeUnreviewed ?? defaultExportOptions.includeUnreviewed,
    includeClaimsTable: options.includeClaimsTable ?? defaultExportOptions.includeClaimsTable,
  };
}

/** The annotations an export covers, in the order given: unreviewed ones only when asked. */
export function includedAnnotations(
  annotations: readonly Annotation[],
  options: Pick<ExportOptions, 'includeUnreviewed'>,
): Annotation[] {
  return options.includeUnreviewed
    ? [...annotations]
    : annotations.filter((annotation) => annotation.status !== 'unreviewed');
}
