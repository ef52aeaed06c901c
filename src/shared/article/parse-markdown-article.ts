import type { Nodes, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { parse as parseYaml } from 'yaml';
import type { ArticleMetadata, Block } from './article-model';
import { parseByline, type Byline } from './parse-byline';
import { parseTextArticle } from './parse-text-article';

/** A Markdown article split into blocks, with what its front matter and header say about it. */
export interface ParsedMarkdownArticle {
  metadata: ArticleMetadata;
  blocks: Block[];
}

/** Markdown's YAML front matter: its data (a mapping) and the Markdown after it. */
export interface FrontMatter {
  /** Undefined when the file has no front matter; `{}` when it is empty. */
  data: Record<string, unknown> | undefined;
  body: string;
}

/**
 * Splits off YAML front matter (a leading `---` line up to the next `---` or `...` line) and
 * parses it. Only a YAML mapping counts: a block that is not valid YAML, or parses to a scalar
 * or a list, is left in the Markdown (a thematic break and prose can look like front matter),
 * so its text stays visible in the article rather than being dropped or refused.
 */
export function readFrontMatter(markdown: string): FrontMatter {
  const none = { data: undefined, body: markdown };
  const lines = markdown.split('\n');
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return none;
  const end = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line));
  if (end === -1) return none;
  let data: unknown;
  try {
    // 'error' keeps the yaml package's warnings (odd keys) off the console.
    data = parseYaml(lines.slice(1, end).join('\n'), { logLevel: 'error' });
  } catch {
    return none;
  }
  const body = lines.slice(end + 1).join('\n');
  if (data === null || data === undefined) return { data: {}, body };
  if (typeof data !== 'object' || Array.isArray(data)) return none;
  return { data: data as Record<string, unknown>, body };
}

/** How a piece of Markdown may be read in the header: only top-level paragraphs can be bylines. */
type Role = 'h1' | 'heading' | 'paragraph' | 'image' | 'text';

interface RawBlock {
  role: Role;
  text: string;
}

/**
 * Reads a Markdown article (already normalised) into metadata and blocks. Front matter gives
 * the metadata; the first h1 is the headline (else the front matter's title, else a leading
 * heading); a paragraph right after it that reads as a byline is the byline (one after a dek
 * also counts). Paragraphs, list items (one block each), the paragraphs of block quotes, table
 * rows and code become blocks of plain text: formatting, link targets and inline images are
 * dropped, an image on its own becomes a caption of its alt text. No block is empty or holds a
 * blank line; trailing furniture ("Share this") is chrome, as in plain text. With no headline
 * at all, the title is the file's name without its extension.
 */
export function parseMarkdownArticle(markdown: string, fileName: string): ParsedMarkdownArticle {
  const { data = {}, body } = readFrontMatter(markdown);
  const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const raw: RawBlock[] = [];
  collectBlocks(tree.children, raw, true);

  const front = frontMatterMetadata(data);
  let headline = raw.findIndex((block) => block.role === 'h1');
  if (headline === -1 && front.title !== undefined) {
    raw.unshift({ role: 'h1', text: front.title });
    headline = 0;
  } else if (headline === -1 && raw[0]?.role === 'heading') {
    headline = 0;
  }

  const kinds = new Map<number, Block['kind']>();
  let byline: Byline | undefined;
  let dek: string | undefined;
  if (headline !== -1) {
    kinds.set(headline, 'headline');
    const first = raw[headline + 1];
    const second = raw[headline + 2];
    const bylineOf = (block: RawBlock | undefined) =>
      block?.role === 'paragraph' ? parseByline(block.text) : undefined;
    const firstByline = bylineOf(first);
    const secondByline = first?.role === 'paragraph' ? bylineOf(second) : undefined;
    if (firstByline) {
      kinds.set(headline + 1, 'byline');
      byline = firstByline;
    } else if (secondByline) {
      kinds.set(headline + 1, 'dek');
      kinds.set(headline + 2, 'byline');
      byline = secondByline;
      dek = first!.text;
    }
  }

  // Everything but the header is body: the text rules decide paragraph, caption or chrome.
  const pending: Block[] = [];
  const blocks: Block[] = [];
  const flushBody = () => blocks.push(...classifyBodyBlocks(pending.splice(0)));
  raw.forEach((block, i) => {
    const kind = kinds.get(i);
    if (kind === undefined) {
      pending.push({ kind: block.role === 'image' ? 'caption' : 'paragraph', text: block.text });
      return;
    }
    flushBody();
    blocks.push({ kind, text: block.text });
  });
  flushBody();

  const metadata: ArticleMetadata = {
    title: front.title ?? (headline === -1 ? baseName(fileName) : raw[headline]!.text),
  };
  const optional = {
    dek: front.dek ?? dek,
    author: front.author ?? byline?.author,
    published: front.published ?? byline?.published,
    siteName: front.siteName,
    url: front.url,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) metadata[key as keyof typeof optional] = value;
  }
  return { metadata, blocks };
}

/** The block-level reading of a Markdown tree, in document order. */
function collectBlocks(nodes: readonly RootContent[], out: RawBlock[], topLevel: boolean): void {
  const push = (role: Role, text: string) => {
    for (const piece of cleanBlockText(text)) out.push({ role, text: piece });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        push(topLevel ? (node.depth === 1 ? 'h1' : 'heading') : 'text', inlineText(node));
        break;
      case 'paragraph': {
        const images = node.children.filter((child) => child.type === 'image');
        const onlyImages = node.children.every(
          (child) => child.type === 'image' || (child.type === 'text' && child.value.trim() === ''),
        );
        if (images.length > 0 && onlyImages) {
          push('image', images.map((image) => image.alt ?? '').join(' '));
        } else {
          push(topLevel ? 'paragraph' : 'text', inlineText(node));
        }
        break;
      }
      case 'list':
        for (const item of node.children) collectBlocks(item.children, out, false);
        break;
      case 'blockquote':
      case 'footnoteDefinition':
        collectBlocks(node.children, out, false);
        break;
      case 'code':
        push('text', node.value);
        break;
      case 'table':
        for (const row of node.children) {
          push('text', row.children.map((cell) => inlineText(cell).trim()).join(' | '));
        }
        break;
      case 'html':
        push('text', htmlText(node.value));
        break;
      default:
        // Thematic breaks, link definitions and the like carry no article text.
        break;
    }
  }
}

/** Plain text of inline Markdown: formatting and link targets dropped, images dropped. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      // A soft line break renders as a space; hard-wrapped Markdown is one paragraph.
      return node.value.replace(/[ \t]*\n[ \t]*/g, ' ');
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'html':
      return /^<br\s*\/?>$/i.test(node.value) ? '\n' : '';
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? node.children.map(inlineText).join('') : '';
  }
}

/** The text of raw HTML in Markdown, as text: no comments, scripts, styles or tags. */
function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<[^<>]*>/g, ' ');
}

/**
 * A block's text as one or more clean blocks: lines trimmed and inner runs of spaces collapsed,
 * blank lines splitting it (a block never holds one), empty pieces dropped. Shared with the
 * HTML parser, as `classifyBodyBlocks` is.
 */
export function cleanBlockText(text: string): string[] {
  return text
    .split(/\n[^\S\n]*\n/)
    .map((piece) =>
      piece
        .split('\n')
        .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((piece) => piece !== '');
}

/** A fixed header that makes `parseTextArticle` read everything after it as body text. */
const PROBE_HEADER = 'Probe\n\nBy Probe Writer';

/**
 * Applies the plain-text body rules (captions like "FILE PHOTO:", trailing furniture such as
 * "Most Popular" or "Share this" becoming chrome, furniture glued to a last sentence split
 * off) to blocks read from another format. Only `paragraph` blocks are re-classified; other
 * kinds are kept. Blocks' texts must be trimmed and free of blank lines.
 *
 * The rules are private to parse-text-article, so the blocks go through it behind a fixed
 * headline and byline, which end its header; the body blocks then come back one for one
 * (the last possibly split in two).
 */
export function classifyBodyBlocks(blocks: readonly Block[]): Block[] {
  if (blocks.length === 0) return [];
  const probe = [PROBE_HEADER, ...blocks.map((block) => block.text)].join('\n\n');
  const classified = parseTextArticle(probe).blocks.slice(2);
  const aligned =
    classified.length >= blocks.length &&
    blocks.every((block, i) => i === blocks.length - 1 || classified[i]!.text === block.text);
  // Misalignment would mean the text rules changed shape; the blocks as given are still right.
  if (!aligned) return [...blocks];
  return classified.map((block, i) => {
    const original = blocks[Math.min(i, blocks.length - 1)]!;
    return original.kind === 'paragraph' ? block : { kind: original.kind, text: block.text };
  });
}

interface FrontMatterMetadata {
  title?: string;
  dek?: string;
  author?: string;
  published?: string;
  siteName?: string;
  url?: string;
}

/** Reads the common front matter keys (Jekyll, Hugo, Pandoc spellings) into metadata. */
function frontMatterMetadata(data: Record<string, unknown>): FrontMatterMetadata {
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const value = data[key];
      if (typeof value === 'string' && value.trim() !== '')
        return value.trim().replace(/\s+/g, ' ');
      if (typeof value === 'number') return String(value);
    }
    return undefined;
  };
  const date = text('date', 'published', 'published_at', 'publishDate');
  const url = text('url', 'canonical_url', 'canonical');
  return {
    title: text('title'),
    dek: text('dek', 'description', 'subtitle'),
    author: authorNames(data['author'] ?? data['authors']),
    // Dates go through the byline reader, so "2024-02-14", ISO timestamps and "Feb 14, 2024" all work.
    published: date === undefined ? undefined : parseByline(date)?.published,
    siteName: text('site_name', 'site', 'siteName'),
    url: url !== undefined && /^https?:\/\//i.test(url) ? url : undefined,
  };
}

/** An author given as a name, a list of names, or `{ name }` objects; names joined by ", ". */
function authorNames(value: unknown): string | undefined {
  const names = (Array.isArray(value) ? value : [value])
    .map((entry) =>
      typeof entry === 'object' && entry !== null && 'name' in entry ? entry.name : entry,
    )
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '')
    .map((name) => name.trim());
  return names.length > 0 ? names.join(', ') : undefined;
}

/** A file name without its folders and extension, as a last-resort title. */
function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  return name.replace(/\.[^.]+$/, '') || name;
}
