import type { Annotation, Evidence } from '../annotation/annotation-model';
import type { Verdict } from '../annotation/verdicts';
import type { Article, ArticleMetadata, Block } from '../article/article-model';
import type { ArticleExportInput } from './export-input';
import type { ExportPlan } from './export-plan';
import { writeYaml } from './yaml-writer';

/** Names the data block's layout; an importer refuses any other. */
export const FACTMARK_FORMAT = 'factmark-markdown/1';

/** An annotation as the data block carries it: the model's fields, with its verdict spelled out. */
export interface DataBlockAnnotation {
  id: string;
  start: number;
  end: number;
  quote: { exact: string; prefix: string; suffix: string };
  /** `label` is null when the verdict id is not in the taxonomy any more. */
  verdict: { id: string; label: string | null } | null;
  status: Annotation['status'];
  summary: string;
  note: string;
  labels: string[];
  evidence: Evidence[];
  anchor: Annotation['anchor'];
  previousExact?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The `factmark:` entry of the front matter: everything an import needs to recreate the
 * article and its annotations exactly (block kinds and texts, offsets, notes as written).
 */
export interface FactmarkDataBlock {
  format: string;
  article: Article;
  /** The taxonomy entries the exported annotations use, in taxonomy order. */
  verdicts: Verdict[];
  annotations: DataBlockAnnotation[];
}

function metadataCopy(metadata: ArticleMetadata): ArticleMetadata {
  const keys = ['title', 'dek', 'author', 'published', 'siteName', 'url', 'source'] as const;
  const copy: Record<string, string> = {};
  for (const key of keys) {
    const value = metadata[key];
    if (value !== undefined) copy[key] = value;
  }
  return copy as ArticleMetadata;
}

function dataAnnotation(annotation: Annotation, verdict: Verdict | undefined): DataBlockAnnotation {
  const data: DataBlockAnnotation = {
    id: annotation.id,
    start: annotation.start,
    end: annotation.end,
    quote: {
      exact: annotation.quote.exact,
      prefix: annotation.quote.prefix,
      suffix: annotation.quote.suffix,
    },
    verdict:
      annotation.verdictId === null
        ? null
        : { id: annotation.verdictId, label: verdict ? verdict.label : null },
    status: annotation.status,
    summary: annotation.summary,
    note: annotation.note,
    labels: [...annotation.labels],
    evidence: annotation.evidence.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      stance: item.stance,
    })),
    anchor: annotation.anchor,
    createdAt: annotation.createdAt,
    updatedAt: annotation.updatedAt,
  };
  if (annotation.previousExact !== undefined) {
    // Keep `createdAt`/`updatedAt` last, so the key order is the same on every export.
    const { createdAt, updatedAt, ...rest } = data;
    return { ...rest, previousExact: annotation.previousExact, createdAt, updatedAt };
  }
  return data;
}

/** The data block for an export plan (annotations in footnote order). */
export function buildDataBlock(input: ArticleExportInput, plan: ExportPlan): FactmarkDataBlock {
  const used = new Set(plan.claims.map((claim) => claim.verdict).filter(Boolean));
  const { article } = input;
  return {
    format: FACTMARK_FORMAT,
    article: {
      id: article.id,
      metadata: metadataCopy(article.metadata),
      blocks: article.blocks.map((block: Block) => ({ kind: block.kind, text: block.text })),
      addedAt: article.addedAt,
    },
    verdicts: input.taxonomy.verdicts
      .filter((verdict) => used.has(verdict))
      .map((verdict) => ({ ...verdict })),
    annotations: plan.claims.map((claim) => dataAnnotation(claim.annotation, claim.verdict)),
  };
}

/** Counts claims per verdict label (equal labels counted together), in taxonomy order. */
function claimCounts(input: ArticleExportInput, plan: ExportPlan): Record<string, unknown> {
  const byVerdict = new Map<Verdict, number>();
  let withoutVerdict = 0;
  for (const claim of plan.claims) {
    if (claim.verdict) byVerdict.set(claim.verdict, (byVerdict.get(claim.verdict) ?? 0) + 1);
    else withoutVerdict += 1;
  }
  const byLabel = new Map<string, number>();
  for (const verdict of input.taxonomy.verdicts) {
    const count = byVerdict.get(verdict);
    if (count) byLabel.set(verdict.label, (byLabel.get(verdict.label) ?? 0) + count);
  }
  return {
    total: plan.claims.length,
    verdicts: Object.fromEntries(byLabel),
    no_verdict: withoutVerdict,
  };
}

/**
 * The front matter text between the `---` fences: readable fields for people and tools (title,
 * dek, author, published, source, exported_at, generator, claim counts) and the `factmark:`
 * data block for import.
 */
export function frontMatterYaml(input: ArticleExportInput, plan: ExportPlan): string {
  const { metadata } = input.article;
  const fields: Record<string, unknown> = { title: metadata.title };
  if (metadata.dek !== undefined) fields.dek = metadata.dek;
  if (metadata.author !== undefined) fields.author = metadata.author;
  if (metadata.published !== undefined) fields.published = metadata.published;
  const source = metadata.url ?? metadata.source;
  if (source !== undefined) fields.source = source;
  fields.exported_at = input.exportedAt;
  fields.generator = input.generator;
  fields.claims = claimCounts(input, plan);
  fields.factmark = buildDataBlock(input, plan);
  return writeYaml(fields);
}

/** A line that closes front matter. */
const FRONT_MATTER_END = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits Markdown into its YAML front matter (text between a leading `---` line and the next
 * `---` or `...` line) and the body after it; undefined when there is no front matter.
 */
export function splitFrontMatter(markdown: string): { yaml: string; body: string } | undefined {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*\n/.test(text)) return undefined;
  const lines = text.split('\n');
  for (let index = 1; index < lines.length; index++) {
    if (FRONT_MATTER_END.test(lines[index] as string)) {
      return {
        yaml: lines.slice(1, index).join('\n'),
        body: lines.slice(index + 1).join('\n'),
      };
    }
  }
  return undefined;
}
