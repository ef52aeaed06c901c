import { z } from 'zod';
import { annotationSchema } from '../../shared/annotation/annotation-model';
import { defaultTaxonomy } from '../../shared/annotation/verdicts';
import { settingsSchema } from '../../shared/api/contract';
import { articleSchema, articleSummarySchema } from '../../shared/article/article-model';

/**
 * The file format version this Factmark writes. A file with a higher `schemaVersion` comes
 * from a newer Factmark and is opened read-only, never rewritten in the old format.
 */
export const CURRENT_SCHEMA_VERSION = 1;

/** Every store file carries its format version at the top level. */
const schemaVersion = z.number().int().nonnegative();

/** `library.json`: the index of articles (summaries only) and library-wide flags. */
export const libraryFileSchema = z.object({
  schemaVersion,
  /** Whether the sample article was ever added, so deleting it does not bring it back. */
  sampleSeeded: z.boolean(),
  articles: z.array(articleSummarySchema),
});
export type LibraryFile = z.infer<typeof libraryFileSchema>;

/** A new library: no articles, sample not yet added. */
export function defaultLibraryFile(): LibraryFile {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, sampleSeeded: false, articles: [] };
}

/** `settings.json`: per-user preferences and the verdict taxonomy. */
export const settingsFileSchema = z.object({
  schemaVersion,
  settings: settingsSchema,
});
export type SettingsFile = z.infer<typeof settingsFileSchema>;

/** Settings of a new library: Factmark's own verdict scale, no article open. */
export function defaultSettingsFile(): SettingsFile {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: { taxonomy: defaultTaxonomy(), openArticleId: null },
  };
}

/** `articles/<id>.json`: one article and its annotations, rewritten together on every edit. */
export const articleFileSchema = z.object({
  schemaVersion,
  article: articleSchema,
  annotations: z.array(annotationSchema),
});
export type ArticleFile = z.infer<typeof articleFileSchema>;
