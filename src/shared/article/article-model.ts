import { z } from 'zod';

/** The kinds of block an article is made of, in reading order. */
export const blockKinds = ['headline', 'dek', 'byline', 'caption', 'paragraph', 'chrome'] as const;

/** A block's role in the article; `chrome` is site furniture (navigation, "Most Popular"). */
export type BlockKind = (typeof blockKinds)[number];

/** One block of an article: its role and its exact text (never empty, no blank lines inside). */
export const blockSchema = z.object({
  kind: z.enum(blockKinds),
  text: z.string().min(1),
});
export type Block = z.infer<typeof blockSchema>;

/** Facts about an article that come from its text or its source, not from the reader. */
export const articleMetadataSchema = z.object({
  title: z.string(),
  dek: z.string().optional(),
  author: z.string().optional(),
  /** ISO 8601 calendar date (YYYY-MM-DD) when the byline or source gives one. */
  published: z.string().optional(),
  siteName: z.string().optional(),
  /** The article's canonical URL, when known. */
  url: z.string().optional(),
  /** Where the text came from: a file name or "sample". */
  source: z.string().optional(),
});
export type ArticleMetadata = z.infer<typeof articleMetadataSchema>;

/** An article as stored: metadata plus the blocks whose joined text is its canonical text. */
export const articleSchema = z.object({
  id: z.string().min(1),
  metadata: articleMetadataSchema,
  blocks: z.array(blockSchema).min(1),
  /** ISO 8601 timestamp of when the article entered the library. */
  addedAt: z.string(),
});
export type Article = z.infer<typeof articleSchema>;

/** What the library sidebar needs to list an article without loading it. */
export const articleSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  published: z.string().optional(),
  addedAt: z.string(),
  claimCount: z.number().int().nonnegative(),
  /** The article's canonical URL, so a re-import of the same page is recognised without loading it. */
  url: z.string().optional(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

/** The separator between blocks in an article's canonical text. */
export const BLOCK_SEPARATOR = '\n\n';

/** A block placed in the canonical text: `start`/`end` are UTF-16 offsets into it. */
export interface PlacedBlock extends Block {
  index: number;
  start: number;
  end: number;
}

/** Places each block in the canonical text (blocks joined by a blank line). */
export function placeBlocks(blocks: readonly Block[]): PlacedBlock[] {
  let offset = 0;
  return blocks.map((block, index) => {
    const placed = { ...block, index, start: offset, end: offset + block.text.length };
    offset = placed.end + BLOCK_SEPARATOR.length;
    return placed;
  });
}

/** The article's canonical text: the blocks' text joined by a blank line. Offsets index into it. */
export function canonicalText(blocks: readonly Block[]): string {
  return blocks.map((block) => block.text).join(BLOCK_SEPARATOR);
}

/** Whether a reader may highlight text in a block of this kind. */
export function isAnnotatable(kind: BlockKind): boolean {
  return kind !== 'chrome';
}
