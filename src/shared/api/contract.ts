import { z } from 'zod';
import { articleSchema, articleSummarySchema } from '../article/article-model';
import {
  annotationSchema,
  claimStatuses,
  evidenceSchema,
  SUMMARY_MAX_LENGTH,
} from '../annotation/annotation-model';
import { taxonomySchema } from '../annotation/verdicts';

const id = z.string().min(1).max(200);
/** UTF-16 offset into an article's canonical text. */
const offset = z.number().int().nonnegative().max(100_000_000);

/** Something the store wants the reader to know (a recovered file, a read-only library). */
export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** Per-user preferences and the verdict scale. */
export const settingsSchema = z.object({
  taxonomy: taxonomySchema,
  /** The article to show at launch. */
  openArticleId: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** The fields of an annotation a reader edits in its margin card. */
export const annotationPatchSchema = z
  .object({
    verdictId: z.string().max(100).nullable(),
    status: z.enum(claimStatuses),
    summary: z.string().max(SUMMARY_MAX_LENGTH),
    note: z.string().max(1_000_000),
    labels: z.array(z.string().trim().min(1).max(100)).max(100),
    evidence: z.array(evidenceSchema).max(200),
  })
  .partial()
  .strict();
export type AnnotationPatch = z.infer<typeof annotationPatchSchema>;

/**
 * The one API between the renderer and the main side. Both hosts (Electron IPC and the
 * loopback web host) are derived from this table by one dispatcher, so they cannot drift.
 * Every input is validated before a service runs, and every output before it is returned.
 */
export const apiContract = {
  /** Lists the library's articles (newest first) and which one to open. */
  getLibrary: {
    input: z.object({}).strict(),
    output: z.object({
      articles: z.array(articleSummarySchema),
      openArticleId: z.string().nullable(),
      readOnly: z.boolean(),
    }),
  },
  /** Loads one article with its annotations, in text order. */
  getArticle: {
    input: z.object({ articleId: id }).strict(),
    output: z.object({ article: articleSchema, annotations: z.array(annotationSchema) }),
  },
  /** Remembers which article is open, so the next launch opens it again. */
  openArticle: {
    input: z.object({ articleId: id }).strict(),
    output: z.object({ articleId: z.string() }),
  },
  /** Reads settings: the verdict taxonomy and the open article. */
  getSettings: {
    input: z.object({}).strict(),
    output: settingsSchema,
  },
  /** Replaces the verdict taxonomy; `reassign` moves claims from a deleted verdict to another (or none). */
  setTaxonomy: {
    input: z
      .object({
        taxonomy: taxonomySchema,
        reassign: z.record(z.string(), z.string().nullable()).optional(),
      })
      .strict(),
    output: settingsSchema,
  },
  /** Messages from start-up (a recovered file, a read-only library) the reader should see once. */
  getNotices: {
    input: z.object({}).strict(),
    output: z.array(noticeSchema),
  },
  /** Highlights `start..end` of an article's canonical text as a new claim. */
  createAnnotation: {
    input: z
      .object({
        articleId: id,
        start: offset,
        end: offset,
        verdictId: z.string().max(100).nullable().optional(),
      })
      .strict(),
    output: annotationSchema,
  },
  /** Changes the editable fields of one annotation. */
  updateAnnotation: {
    input: z.object({ articleId: id, annotationId: id, patch: annotationPatchSchema }).strict(),
    output: annotationSchema,
  },
  /** Deletes one annotation and returns it whole, so it can be restored (undo). */
  deleteAnnotation: {
    input: z.object({ articleId: id, annotationId: id }).strict(),
    output: annotationSchema,
  },
  /** Puts back an annotation exactly as it was (undo of delete, redo of create). */
  restoreAnnotation: {
    input: z.object({ articleId: id, annotation: annotationSchema }).strict(),
    output: annotationSchema,
  },
} as const;

/** The contract's method names. */
export type ApiMethod = keyof typeof apiContract;

/** What a method takes (after validation). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiContract)[M]['input']>;

/** What a method gives back. */
export type ApiOutput<M extends ApiMethod> = z.output<(typeof apiContract)[M]['output']>;
