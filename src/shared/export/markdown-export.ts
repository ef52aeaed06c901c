import type {
  FootnoteDefinition,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  TableRow,
} from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import {
  toMarkdown as serializeMdast,
  type Options as ToMarkdownOptions,
} from 'mdast-util-to-markdown';
import { claimStatusLabels, shortenText, SUMMARY_MAX_LENGTH } from '../annotation/annotation-model';
import {
  resolveExportOptions,
  type ArticleExportInput,
  type ExportOptions,
  type MarkdownStyle,
} from './export-input';
import { planExport, type ExportPlan, type PlannedBlock, type PlannedClaim } from './export-plan';
import { frontMatterYaml } from './front-matter';
import { criticMarkupToMarkdown } from './critic-markup';
import type { CriticSegment, MarkedRun } from './markdown-nodes';
import { footnotesToMarkdown } from './marked-text';
import { embedNote } from './note-markdown';
import { shortcutRootHandler } from './serializer-handlers';

/** Heading of the closing list of claims whose quote is no longer in the text. */
export const UNPLACED_CLAIMS_HEADING = 'Claims not found in the text';
/** The line that introduces a claim's evidence list in its footnote. */
export const EVIDENCE_LABEL = 'Evidence:';
/** Heading of the optional closing claims table. */
export const CLAIMS_TABLE_HEADING = 'Claims';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });

/** Whitespace `oneLine` would change: any but a single space between other characters. */
const NOT_ONE_LINE = /[^\S ]| {2}|^ | $/;

/** One line of display text: whitespace runs (line breaks included) become one space. */
export function oneLine(value: string): string {
  // Most text is one line already; replacing would only copy it.
  return NOT_ONE_LINE.test(value) ? value.replace(/\s+/g, ' ').trim() : value;
}

/** The verdict's label, or what to show when there is none. */
export function verdictLabel(claim: PlannedClaim): string {
  return claim.verdict ? claim.verdict.label : 'No verdict';
}

/** The claim's summary, or its quote shortened when the summary is empty. */
export function claimSummary(claim: PlannedClaim): string {
  const summary = oneLine(claim.annotation.summary);
  return summary !== '' ? summary : shortenText(claim.annotation.quote.exact, SUMMARY_MAX_LENGTH);
}

function footnoteLabel(claim: PlannedClaim): string {
  return String(claim.number);
}

/** A CriticMarkup comment for a claim: `Verdict — note`, on one line. */
function criticComment(claim: PlannedClaim): string {
  const note = oneLine(claim.annotation.note);
  return note === '' ? verdictLabel(claim) : `${verdictLabel(claim)} — ${note}`;
}

/** A block's phrasing content in the chosen style. */
function blockPhrasing(block: PlannedBlock, style: MarkdownStyle): PhrasingContent[] {
  if (style === 'criticmarkup') {
    const segments: CriticSegment[] = block.segments.map((segment) => ({
      text: segment.text,
      comments: segment.claims.map(criticComment),
    }));
    return [{ type: 'criticText', segments, value: block.block.text }];
  }
  const runs: MarkedRun[] = block.segments.map((segment) => ({
    text: segment.text,
    references: segment.claims.map(footnoteLabel),
  }));
  return [{ type: 'markedText', runs, value: block.block.text }];
}

/** The article: headlines as `#` headings, every other exported block as a paragraph. */
function articleFlow(plan: ExportPlan, style: MarkdownStyle): RootContent[] {
  return plan.blocks.map((block): RootContent => {
    const children = blockPhrasing(block, style);
    return block.block.kind === 'headline'
      ? { type: 'heading', depth: 1, children }
      : paragraph(children);
  });
}

/** Claims kept but not marked in the text (orphans), each with its quote and its reference. */
function unplacedClaims(claims: PlannedClaim[], style: MarkdownStyle): RootContent[] {
  if (claims.length === 0) return [];
  const items = claims.map((claim): ListItem => ({
    type: 'listItem',
    spread: false,
    children: [
      paragraph([
        text(`“${oneLine(claim.annotation.quote.exact)}” `),
        style === 'criticmarkup'
          ? { type: 'criticComment', value: criticComment(claim) }
          : {
              type: 'footnoteReference',
              identifier: footnoteLabel(claim),
              label: footnoteLabel(claim),
            },
      ]),
    ],
  }));
  return [
    { type: 'heading', depth: 2, children: [text(UNPLACED_CLAIMS_HEADING)] },
    { type: 'list', ordered: false, spread: false, children: items },
  ];
}

/** The closing "Claims" table: number, summary, verdict, status. */
function claimsTable(claims: PlannedClaim[]): RootContent[] {
  if (claims.length === 0) return [];
  const row = (cells: string[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((cell) => ({ type: 'tableCell', children: [text(cell)] })),
  });
  return [
    { type: 'heading', depth: 2, children: [text(CLAIMS_TABLE_HEADING)] },
    {
      type: 'table',
      align: ['right', null, null, null],
      children: [
        row(['#', 'Claim', 'Verdict', 'Status']),
        ...claims.map((claim) =>
          row([
            String(claim.number),
            claimSummary(claim),
            verdictLabel(claim),
            claimStatusLabels[claim.annotation.status],
          ]),
        ),
      ],
    },
  ];
}

/**
 * A claim's footnote: `**Verdict** (status) — summary`, the note as Markdown, then "Evidence:"
 * and the evidence as a list of links with their stance. The note's own footnotes follow it.
 */
function claimFootnotes(claim: PlannedClaim): FootnoteDefinition[] {
  const { annotation } = claim;
  const label = footnoteLabel(claim);
  const summary = oneLine(annotation.summary);
  const head = paragraph([
    {
      type: 'claimHead',
      verdict: verdictLabel(claim),
      rest: ` (${claimStatusLabels[annotation.status].toLowerCase()})${summary ? ` — ${summary}` : ''}`,
    },
  ]);
  const note = embedNote(annotation.note, label);
  const children: FootnoteDefinition['children'] = [head, ...note.flow];
  if (annotation.evidence.length > 0) {
    // A paragraph of its own keeps the evidence list from joining a list the note ends with.
    children.push(paragraph([{ type: 'fixedWording', value: EVIDENCE_LABEL }]));
    children.push({
      type: 'list',
      ordered: false,
      spread: false,
      children: annotation.evidence.map((item): ListItem => ({
        type: 'listItem',
        spread: false,
        children: [
          paragraph([
            {
              type: 'link',
              url: item.url,
              title: null,
              children: [text(item.title.trim() === '' ? item.url : oneLine(item.title))],
            },
            { type: 'fixedWording', value: ` — ${item.stance}` },
          ]),
        ],
      })),
    });
  }
  return [{ type: 'footnoteDefinition', identifier: label, label, children }, ...note.footnotes];
}

/**
 * Serializer options per style, built once: the serializer caches each escape pattern's
 * compiled regex on the pattern object, so reusing the extensions saves recompiling them.
 * The root handler takes shortcuts through the serializer that leave its output unchanged.
 */
const serializerOptions: Record<MarkdownStyle, ToMarkdownOptions> = {
  footnotes: serializerOptionsWith(footnotesToMarkdown()),
  criticmarkup: serializerOptionsWith(criticMarkupToMarkdown()),
};

function serializerOptionsWith(styleExtension: ToMarkdownOptions): ToMarkdownOptions {
  return {
    bullet: '-',
    emphasis: '*',
    strong: '*',
    fences: true,
    rule: '-',
    listItemIndent: 'one',
    handlers: { root: shortcutRootHandler },
    extensions: [gfmToMarkdown(), styleExtension],
  };
}

/** What `toMarkdown` writes below the front matter: the tree, and how to serialize it. */
export interface MarkdownBody {
  plan: ExportPlan;
  tree: Root;
  serializer: ToMarkdownOptions;
}

/**
 * The plan and the body tree of an export, with the serializer options of its style. Exported
 * so that tests can serialize the very same tree in another way and compare.
 */
export function markdownBody(
  input: ArticleExportInput,
  options: Partial<ExportOptions> = {},
): MarkdownBody {
  const resolved = resolveExportOptions(options);
  const plan = planExport(input, resolved);
  const { style } = resolved;
  const children: RootContent[] = [
    ...articleFlow(plan, style),
    ...unplacedClaims(
      plan.claims.filter((claim) => !claim.placed),
      style,
    ),
  ];
  if (resolved.includeClaimsTable) children.push(...claimsTable(plan.claims));
  if (style === 'footnotes') children.push(...plan.claims.flatMap(claimFootnotes));
  return { plan, tree: { type: 'root', children }, serializer: serializerOptions[style] };
}

/**
 * The article as annotated Markdown (CommonMark + GFM, plus `==mark==` or CriticMarkup):
 * YAML front matter with a `factmark:` data block for import, the exported blocks in order
 * (chrome left out), each claim's text marked — cut into segments where claims overlap, each
 * segment carrying every covering claim — then, in footnotes style, one footnote per claim in
 * order of first appearance. Deterministic: equal input gives byte-identical output.
 */
export function toMarkdown(
  input: ArticleExportInput,
  options: Partial<ExportOptions> = {},
): string {
  const { plan, tree, serializer } = markdownBody(input, options);
  const body = serializeMdast(tree, serializer);
  return `---\n${frontMatterYaml(input, plan)}---\n\n${body}`;
}

/** The article in CriticMarkup style: `{==text==}{>>Verdict — note<<}` for every marked run. */
export function toCriticMarkup(
  input: ArticleExportInput,
  options: Partial<Omit<ExportOptions, 'style'>> = {},
): string {
  return toMarkdown(input, { ...options, style: 'criticmarkup' });
}
