import { z } from 'zod';
import { articleSchema, articleSummarySchema } from '../article/article-model';
import {
  annotationSchema,
  claimStatuses,
  evidenceSchema,
  SUMMARY_MAX_LENGTH,
} from '../annotation/annotation-model';
import { taxonomySchema } from '../annotation/verdicts';

// Schemas here are built by calls on `z` only (`z.nullable(x)`, not `x.nullable()`): the renderer's
// build counts those as free of side effects, so the renderer, which takes nothing from this file
// but a constant and types, ships without zod. contract-tree-shaking.test.ts keeps it so.

const id = z.string().min(1).max(200);
/** UTF-16 offset into an article's canonical text. */
const offset = z.number().int().nonnegative().max(100_000_000);

/** Something the store wants the reader to know (a recovered file, a read-only library). */
export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** The largest file an import accepts, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The longest base64 text such a file becomes (4 characters per 3 bytes, and some slack). */
const MAX_IMPORT_BASE64_LENGTH = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8;

/** How re-anchoring went for an updated article: how many claims landed where. */
export const reanchorReportSchema = z.object({
  anchored: z.number().int().nonnegative(),
  wordingChanged: z.number().int().nonnegative(),
  orphaned: z.number().int().nonnegative(),
});
export type ReanchorReport = z.infer<typeof reanchorReportSchema>;

/** What an import did: added an article, found it already in the library, or updated one. */
export const importOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('imported'), article: articleSummarySchema }),
  z.object({
    status: z.literal('duplicate'),
    existing: articleSummarySchema,
    title: z.string(),
  }),
  z.object({
    status: z.literal('updated'),
    article: articleSummarySchema,
    report: reanchorReportSchema,
  }),
]);
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

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

/** The library's articles (newest first), the one to open, and whether anything can be saved. */
export const libraryListingSchema = z.object({
  articles: z.array(articleSummarySchema),
  openArticleId: z.string().nullable(),
  readOnly: z.boolean(),
});

/** One article with its annotations, in text order. */
export const articleRecordSchema = z.object({
  article: articleSchema,
  annotations: z.array(annotationSchema),
});

/**
 * The one API between the renderer and the main side. Both hosts (Electron IPC and the
 * loopback web host) are derived from this table by one dispatcher, so they cannot drift.
 * Every input is validated before a service runs, and every output before it is returned.
 */
export const apiContract = {
  /** Lists the library's articles (newest first) and which one to open. */
  getLibrary: {
    input: z.object({}).strict(),
    output: libraryListingSchema,
  },
  /** Loads one article with its annotations, in text order. */
  getArticle: {
    input: z.object({ articleId: id }).strict(),
    output: articleRecordSchema,
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
  /**
   * Everything the window shows at launch, in one round trip: what getSettings, getLibrary and
   * getNotices return, and the open article as getArticle returns it. `openArticle` is null when
   * the library is empty or that article could not be read (getArticle then says why). The
   * notices are gathered after the article is read, so a problem found in its file is among them.
   */
  getStartup: {
    input: z.object({}).strict(),
    output: z.object({
      settings: settingsSchema,
      library: libraryListingSchema,
      notices: z.array(noticeSchema),
      openArticle: z.nullable(articleRecordSchema),
    }),
  },
  /**
   * Highlights `start..end` of an article's canonical text as a new claim. Ranges that are empty,
   * past the end, or touch site chrome are refused.
   */
  createAnnotation: {
    input: z
      .object({
        articleId: id,
        start: offset,
        end: offset,
        verdictId: z.string().max(100).nullable().optional(),
        /** An id chosen by the caller, so the screen can show the claim before the save lands. */
        annotationId: z
          .string()
          .regex(/^[A-Za-z0-9_-]{8,100}$/)
          .optional(),
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
  /**
   * Imports an article file (.txt, .md, .html/.htm, or a Factmark Markdown export), given as
   * base64 bytes. `onDuplicate` says what to do when the library already has the article (same
   * source URL, else same headline): 'ask' answers `duplicate` and changes nothing; 'keep-both'
   * adds it; 'update' replaces that article's text and re-anchors its claims.
   */
  importArticle: {
    input: z
      .object({
        fileName: z.string().min(1).max(500),
        base64: z.string().max(MAX_IMPORT_BASE64_LENGTH),
        onDuplicate: z.enum(['ask', 'keep-both', 'update']).default('ask'),
      })
      .strict(),
    output: importOutcomeSchema,
  },
  /** Accepts a claim's changed wording after re-anchoring: it becomes an ordinary anchored claim. */
  acceptWording: {
    input: z.object({ articleId: id, annotationId: id }).strict(),
    output: annotationSchema,
  },
  /** Re-attaches a claim (usually an orphan) to a new span of the article's text. */
  attachAnnotation: {
    input: z.object({ articleId: id, annotationId: id, start: offset, end: offset }).strict(),
    output: annotationSchema,
  },
} as const;

/** The contract's method names. */
export type ApiMethod = keyof typeof apiContract;

/** What a method takes (after validation). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiContract)[M]['input']>;

/** What a method gives back. */
export type ApiOutput<M extends ApiMethod> = z.output<(typeof apiContract)[M]['output']>;
