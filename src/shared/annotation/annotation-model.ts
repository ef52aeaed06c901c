import { z } from 'zod';

/** How far a fact-checker has got with a claim. */
export const claimStatuses = ['unreviewed', 'in-progress', 'done'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** Labels shown to people for each status. */
export const claimStatusLabels: Record<ClaimStatus, string> = {
  unreviewed: 'Unreviewed',
  'in-progress': 'In progress',
  done: 'Done',
};

/** What a piece of evidence does for the claim. */
export const evidenceStances = ['supports', 'refutes', 'context'] as const;
export type EvidenceStance = (typeof evidenceStances)[number];

/** Only web links may be evidence: `http:` or `https:` URLs, parsed, not pattern-matched. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A source that bears on a claim. */
export const evidenceSchema = z.object({
  id: z.string().min(1).max(200),
  url: z.string().max(4096).refine(isWebUrl, 'Evidence URL must be an http: or https: link'),
  title: z.string().max(1000),
  stance: z.enum(evidenceStances),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/**
 * The quote an annotation was made on, kept so it can be found again after the text changes.
 * `prefix` and `suffix` are up to ~32 UTF-16 code units of context either side.
 */
export const textQuoteSchema = z.object({
  exact: z.string().min(1).max(2_000_000),
  prefix: z.string().max(200),
  suffix: z.string().max(200),
});
export type TextQuote = z.infer<typeof textQuoteSchema>;

/** Whether an annotation still sits on its quote: found exactly, found with changed wording, or lost. */
export const anchorStates = ['anchored', 'wording-changed', 'orphaned'] as const;
export type AnchorState = (typeof anchorStates)[number];

/**
 * A highlighted claim with its verdict, note and evidence.
 * `start`/`end` are UTF-16 code units into the article's canonical text, `start < end`.
 */
export const annotationSchema = z.object({
  id: z.string().min(1).max(200),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  quote: textQuoteSchema,
  /** The id of a verdict in the taxonomy, or null while none is given. */
  verdictId: z.string().max(100).nullable(),
  status: z.enum(claimStatuses),
  /** One-line claim summary, at most 75 characters (used for ClaimReview). */
  summary: z.string().max(75),
  /** Markdown source. */
  note: z.string().max(1_000_000),
  labels: z.array(z.string().min(1).max(100)).max(100),
  evidence: z.array(evidenceSchema).max(200),
  anchor: z.enum(anchorStates),
  /** The wording the annotation was made on, kept while `anchor` is `wording-changed`. */
  previousExact: z.string().max(2_000_000).optional(),
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** The longest claim summary ClaimReview consumers display well. */
export const SUMMARY_MAX_LENGTH = 75;

/** Shortens text to at most `max` characters on a word boundary, ending with an ellipsis when cut. */
export function shortenText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut;
  return `${base.replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * A new claim on `quote` at `start..end`: unreviewed, summary defaulting to the shortened quote.
 * The store and the screen (which shows a claim before its save lands) build claims alike here.
 */
export function newAnnotation(fields: {
  id: string;
  start: number;
  end: number;
  quote: TextQuote;
  verdictId: string | null;
  now: string;
}): Annotation {
  return {
    id: fields.id,
    start: fields.start,
    end: fields.end,
    quote: fields.quote,
    verdictId: fields.verdictId,
    status: 'unreviewed',
    summary: shortenText(fields.quote.exact, SUMMARY_MAX_LENGTH),
    note: '',
    labels: [],
    evidence: [],
    anchor: 'anchored',
    createdAt: fields.now,
    updatedAt: fields.now,
  };
}
