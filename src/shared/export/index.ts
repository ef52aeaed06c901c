/** The export of an annotated article: Markdown (footnotes or CriticMarkup), W3C and ClaimReview. */
export type { ArticleExportInput, ExportOptions, MarkdownStyle } from './export-input';
export { defaultExportOptions, resolveExportOptions } from './export-input';
export { toMarkdown, toCriticMarkup } from './markdown-export';
export { toW3cAnnotations, W3C_ANNOTATION_CONTEXT } from './w3c-annotations';
export type { W3cAnnotation, W3cAnnotationCollection, W3cBody } from './w3c-annotations';
export { toClaimReview } from './claim-review';
export type { ClaimReview } from './claim-review';
export { parseFactmarkMarkdown, readFactmarkMarkdown } from './parse-factmark-markdown';
export type { ImportedFactmarkMarkdown, FactmarkMarkdownReading } from './parse-factmark-markdown';
export { FACTMARK_FORMAT } from './front-matter';
export { safeFileName } from './safe-file-name';
export { codePointOffsets } from './code-points';
