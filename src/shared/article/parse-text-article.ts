import type { ArticleMetadata, Block, BlockKind } from './article-model';
import { parseByline } from './parse-byline';

/** A plain-text article split into blocks, with what its header says about it. */
export interface ParsedTextArticle {
  metadata: ArticleMetadata;
  blocks: Block[];
}

/** The byline is looked for in this many leading non-empty lines (headline included). */
const HEADER_LINES = 5;

/** One or more blank lines; a line of only spaces or tabs counts as blank. */
const BLANK_LINES = /\n(?:[^\S\n]*\n)+/;

const CAPTION_MARKER = /^(?:file\s+photo|photo|image|caption)\s*:/i;
/** Photo credits that end a caption: agency handouts, AP and Getty credits. */
const CAPTION_CREDITS: readonly RegExp[] = [
  /\/Handout via REUTERS\b/,
  /\bvia (?:REUTERS|AFP|AP|Getty Images)\b[^.!?]*$/,
  /\bREUTERS\/[\p{L}\p{M} .'’-]+(?:\/File Photo)?$/u,
  /\(AP Photo(?:\/[^)]*)?\)\.?$/,
  /\bGetty Images\)?\.?$/,
  /\((?:Photo|Image|Credit)\s*:[^)]*\)\.?$/i,
];

/** Site furniture that is a whole line on its own, compared lower-case without a final colon. */
const FURNITURE = new Set([
  'most popular',
  'most read',
  'share this',
  'share this article',
  'share this story',
  'share',
  'related',
  'related articles',
  'related stories',
  'advertisement',
  'read more',
  'subscribe',
  'sign up for our newsletter',
  'comments',
  'follow us',
]);
/** Furniture that leads a line and carries its own content ("Tags: Iran, US"). */
const FURNITURE_LEADS = /^(?:tags?|related|read more|see also)\s*:/i;
/** Short furniture calls to action ("Follow us on X", "Share on Facebook"). */
const FURNITURE_CALLS = /^(?:follow us|share (?:this|on)|sign up for|subscribe to)\b/i;
const SENTENCE_PUNCTUATION = /[.!?…"“”]/;
/** What may precede furniture glued to a last sentence with no space ("chaos.Most Popular"). */
const SENTENCE_END = /[.!?…"”’)\]]$/;

/**
 * Splits a plain-text article (already normalised) into blocks: headline, dek, byline, captions,
 * body paragraphs and trailing site chrome. Paragraphs are separated by blank lines; each block's
 * text is exactly its paragraph (or header line) trimmed, so every non-whitespace character of
 * the input appears in the blocks in order and no block holds a blank line. Text with no
 * non-whitespace characters gives no blocks and an empty title; the caller rejects it.
 */
export function parseTextArticle(text: string): ParsedTextArticle {
  const paragraphs = text
    .split(BLANK_LINES)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  const header = readHeader(paragraphs);
  const body = header.rest.map(classifyBodyParagraph);
  return { metadata: header.metadata, blocks: [...header.blocks, ...markTrailingChrome(body)] };
}

interface HeaderLine {
  text: string;
  paragraph: number;
  line: number;
}

/**
 * Reads the header from the first lines: line 1 is the headline, line 2 the dek unless it is a
 * byline or caption, and the first byline within the first lines ends the header. Header lines
 * are blocks of their own even when no blank line separates them (a common paste shape).
 */
function readHeader(paragraphs: readonly string[]): {
  metadata: ArticleMetadata;
  blocks: Block[];
  rest: string[];
} {
  const lines: HeaderLine[] = [];
  for (const [p, paragraph] of paragraphs.entries()) {
    for (const [l, line] of paragraph.split('\n').entries()) {
      if (lines.length < HEADER_LINES && line.trim() !== '') {
        lines.push({ text: line.trim(), paragraph: p, line: l });
      }
    }
    if (lines.length >= HEADER_LINES) break;
  }
  const headline = lines[0];
  if (!headline) return { metadata: { title: '' }, blocks: [], rest: [] };

  const bylineAt = lines.findIndex((line, i) => i > 0 && parseByline(line.text) !== undefined);
  const second = lines[1];
  const hasDek = second !== undefined && bylineAt !== 1 && !isCaption(second.text);
  const end = Math.max(bylineAt, hasDek ? 1 : 0);

  const metadata: ArticleMetadata = { title: headline.text };
  const blocks: Block[] = lines.slice(0, end + 1).map((line, i) => {
    const kind: BlockKind =
      i === 0
        ? 'headline'
        : i === bylineAt
          ? 'byline'
          : i === 1 && hasDek
            ? 'dek'
            : isCaption(line.text)
              ? 'caption'
              : 'paragraph';
    return { kind, text: line.text };
  });
  if (hasDek) metadata.dek = second.text;
  if (bylineAt > 0) Object.assign(metadata, parseByline(lines[bylineAt]!.text));

  // Whatever follows the last header line in its paragraph is body text, kept exactly.
  const last = lines[end]!;
  const remainder = paragraphs[last.paragraph]!.split('\n')
    .slice(last.line + 1)
    .join('\n')
    .trim();
  const rest = paragraphs.slice(last.paragraph + 1);
  return { metadata, blocks, rest: remainder === '' ? rest : [remainder, ...rest] };
}

function classifyBodyParagraph(text: string): Block {
  if (isFurniture(text)) return { kind: 'chrome', text };
  if (isCaption(text)) return { kind: 'caption', text };
  return { kind: 'paragraph', text };
}

/** Whether a paragraph is a photo caption: a caption marker in front or a photo credit at the end. */
function isCaption(text: string): boolean {
  return CAPTION_MARKER.test(text) || CAPTION_CREDITS.some((credit) => credit.test(text));
}

/** Whether a paragraph is known site furniture ("Most Popular", "Share this", "Tags: …"). */
function isFurniture(text: string): boolean {
  if (text.includes('\n')) return false;
  const key = text.replace(/\s*:$/, '').replace(/\s+/g, ' ').toLowerCase();
  if (FURNITURE.has(key)) return true;
  if (FURNITURE_LEADS.test(text)) return true;
  return FURNITURE_CALLS.test(text) && wordCount(text) <= 8;
}

/**
 * Splits furniture off the end of the last body paragraph (on its own last line, or glued to
 * the final sentence with no space, as copy-paste from a web page leaves it), then marks the
 * short lines after the last real paragraph as chrome too.
 */
function markTrailingChrome(body: readonly Block[]): Block[] {
  const blocks = [...body];
  const last = blocks.pop();
  if (last) blocks.push(...splitTrailingFurniture(last));

  let lastReal = -1;
  blocks.forEach((block, i) => {
    if (block.kind === 'paragraph' && !isShortLine(block.text)) lastReal = i;
  });
  // Without a real paragraph there is no "after" it: a short article keeps its short lines.
  if (lastReal === -1) return blocks;
  return blocks.map((block, i) =>
    i > lastReal && block.kind === 'paragraph' ? { ...block, kind: 'chrome' } : block,
  );
}

function splitTrailingFurniture(block: Block): Block[] {
  if (block.kind !== 'paragraph') return [block];
  const chrome: Block[] = [];
  let text = block.text;
  for (;;) {
    const lineBreak = text.lastIndexOf('\n');
    const lastLine = text.slice(lineBreak + 1).trim();
    if (lineBreak !== -1 && isFurniture(lastLine)) {
      chrome.unshift({ kind: 'chrome', text: lastLine });
      text = text.slice(0, lineBreak).trimEnd();
      continue;
    }
    const glued = gluedFurniture(text);
    if (glued === undefined) break;
    chrome.unshift({ kind: 'chrome', text: glued });
    text = text.slice(0, -glued.length);
  }
  return [{ kind: 'paragraph', text }, ...chrome];
}

/** Furniture ending `text` right after a sentence's end, with no space between them. */
function gluedFurniture(text: string): string | undefined {
  for (const phrase of FURNITURE) {
    const tail = text.slice(-phrase.length);
    const before = text.slice(0, -phrase.length);
    if (
      text.length > phrase.length &&
      tail.toLowerCase() === phrase &&
      /^\p{Lu}/u.test(tail) &&
      SENTENCE_END.test(before)
    ) {
      return tail;
    }
  }
  return undefined;
}

/** A line of at most four words and no sentence punctuation: a label, not prose. */
function isShortLine(text: string): boolean {
  return !text.includes('\n') && wordCount(text) <= 4 && !SENTENCE_PUNCTUATION.test(text);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}
