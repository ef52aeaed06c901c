import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  annotationSchema,
  claimStatuses,
  anchorStates,
  evidenceSchema,
  type Annotation,
} from '../annotation/annotation-model';
import { verdictSchema, type Verdict } from '../annotation/verdicts';
import { articleSchema, type Article } from '../article/article-model';
import { FACTMARK_FORMAT, splitFrontMatter } from './front-matter';

/** What a Factmark Markdown export carries back in: the article, its annotations, their verdicts. */
export interface ImportedFactmarkMarkdown {
  article: Article;
  annotations: Annotation[];
  /** The taxonomy entries the annotations use, as they were when exported. */
  taxonomyVerdicts: Verdict[];
}

const dataAnnotationSchema = z.object({
  id: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  quote: z.object({ exact: z.string().min(1), prefix: z.string(), suffix: z.string() }),
  verdict: z.object({ id: z.string().min(1), label: z.string().nullable() }).nullable(),
  status: z.enum(claimStatuses),
  summary: z.string(),
  note: z.string(),
  labels: z.array(z.string()),
  evidence: z.array(evidenceSchema),
  anchor: z.enum(anchorStates),
  previousExact: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const dataBlockSchema = z.object({
  format: z.literal(FACTMARK_FORMAT),
  article: articleSchema,
  verdicts: z.array(verdictSchema),
  annotations: z.array(dataAnnotationSchema),
});

/** Why a file could not be read as a Factmark Markdown export, or what it holds. */
export type FactmarkMarkdownReading =
  { ok: true; value: ImportedFactmarkMarkdown } | { ok: false; error: string };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'its data does not match the Factmark format';
  const path = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `${issue.message}${path}`;
}

/**
 * Reads a Factmark Markdown export (either style) back from its front matter's `factmark:`
 * data block, which holds the article's blocks and every annotation exactly as exported.
 * The Markdown body is not read: it is the human-readable rendering of the same data.
 */
export function readFactmarkMarkdown(markdown: string): FactmarkMarkdownReading {
  const split = splitFrontMatter(markdown);
  if (!split) return { ok: false, error: 'The file has no YAML front matter.' };
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(split.yaml);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `The front matter is not valid YAML: ${reason}` };
  }
  const data =
    typeof frontMatter === 'object' && frontMatter !== null && 'factmark' in frontMatter
      ? frontMatter.factmark
      : undefined;
  if (data === undefined) {
    return {
      ok: false,
      error: 'The front matter has no factmark: data block (not a Factmark export).',
    };
  }
  const parsed = dataBlockSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      error: `The factmark: data block is not usable: ${firstIssue(parsed.error)}.`,
    };
  }
  const annotations: Annotation[] = [];
  for (const [index, item] of parsed.data.annotations.entries()) {
    const { verdict, ...rest } = item;
    const annotation = annotationSchema.safeParse({
      ...rest,
      verdictId: verdict ? verdict.id : null,
    });
    if (!annotation.success) {
      return {
        ok: false,
        error: `Annotation ${index + 1} in the data block is not usable: ${firstIssue(annotation.error)}.`,
      };
    }
    annotations.push(annotation.data);
  }
  return {
    ok: true,
    value: { article: parsed.data.article, annotations, taxonomyVerdicts: parsed.data.verdicts },
  };
}

/**
 * The article, annotations and verdicts of a Factmark Markdown export, or null when the text is
 * not one (see `readFactmarkMarkdown` for the reason).
 */
export function parseFactmarkMarkdown(markdown: string): ImportedFactmarkMarkdown | null {
  const reading = readFactmarkMarkdown(markdown);
  return reading.ok ? reading.value : null;
}
