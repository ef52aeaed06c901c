import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ArticleMetadata, Block } from '../../shared/article/article-model';
import { parseByline } from '../../shared/article/parse-byline';
import { classifyBodyBlocks, cleanBlockText } from '../../shared/article/parse-markdown-article';

/** An HTML page's article split into text blocks, with what the page says about it. */
export interface ParsedHtmlArticle {
  metadata: ArticleMetadata;
  blocks: Block[];
}

/** The little of linkedom's DOM this parser touches (the node tsconfig has no DOM types). */
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  localName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface DomDocument {
  title: string;
  body: DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose content is never article text: code, metadata, media, form controls. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'img',
  'picture',
  'video',
  'audio',
  'source',
  'button',
  'input',
  'select',
  'textarea',
]);

/** Elements that start and end a block of text; everything else is inline. */
const BLOCK_ELEMENTS = new Set(
  [
    'address article aside blockquote body caption center dd details dialog div dl dt fieldset',
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre',
    'section summary table tbody tfoot thead tr ul',
  ]
    .join(' ')
    .split(' '),
);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Block kinds an element gives its text (and its descendants' text) by itself. */
const ELEMENT_KINDS: ReadonlyMap<string, Block['kind']> = new Map([
  ['figcaption', 'caption'],
  ['caption', 'caption'],
  ['nav', 'chrome'],
  ['aside', 'chrome'],
  ['footer', 'chrome'],
]);

/**
 * Extracts the article from an HTML page with Readability over linkedom, and turns it into text
 * blocks (headline, byline, paragraphs, list items, quotes, captions) from the DOM's text nodes
 * only. The page is never rendered: linkedom runs no script, loads no resource and follows no
 * refresh or `<base>`, and nothing here evaluates the page's code. Metadata: Readability's
 * title, byline, published time and site name, and the canonical URL from
 * `<link rel=canonical>` or `og:url` (absolute http(s) only).
 */
export function parseHtmlArticle(html: string, fileName: string): ParsedHtmlArticle {
  const page = (parseHTML(html) as unknown as { document: DomDocument }).document;
  // Readability rewrites the document it reads, so the page's own metadata is read first.
  const url = canonicalUrl(page);
  const description = metaContent(page, ['description', 'og:description']);
  const pageTitle = page.title.trim();
  const firstHeading = oneLine(page.querySelectorAll('h1')[0]?.textContent ?? '');
  const article = new Readability(page as never, { serializer: (node: unknown) => node }).parse();

  let root = article?.content as DomElement | null | undefined;
  if (!root) root = (parseHTML(html) as unknown as { document: DomDocument }).document.body;
  const raw = root ? textBlocks(root) : [];

  const found = oneLine(article?.title ?? '') || pageTitle || baseName(fileName);
  // "Headline | Site" in <title>: the page's own <h1> is the headline without the site's name.
  const title = firstHeading && found.startsWith(firstHeading) ? firstHeading : found;
  const header: Block[] = [];
  // Readability usually drops a heading that repeats the title; when kept, it is the headline.
  if (raw[0]?.heading && sameText(raw[0].text, title)) raw.shift();
  header.push({ kind: 'headline', text: title });

  const pageByline = oneLine(article?.byline ?? '');
  const first = raw[0];
  const second = raw[1];
  const isBylineBlock = (block: RawBlock | undefined) =>
    block?.kind === 'paragraph' && !block.heading && parseByline(block.text) !== undefined;
  let bylineText: string | undefined;
  let dek: string | undefined;
  if (isBylineBlock(first)) {
    bylineText = raw.shift()!.text;
  } else if (first?.kind === 'paragraph' && !first.heading && isBylineBlock(second)) {
    dek = raw.shift()!.text;
    bylineText = raw.shift()!.text;
  } else if (pageByline !== '' && !raw.slice(0, 3).some((b) => b.text.includes(pageByline))) {
    // Readability lifts a byline it recognises out of the content; keep it readable.
    bylineText = pageByline;
  }
  if (dek !== undefined) header.push({ kind: 'dek', text: dek });
  if (bylineText !== undefined) header.push({ kind: 'byline', text: bylineText });

  const fromByline = (bylineText && parseByline(bylineText)) || {};
  const author =
    parseByline(pageByline)?.author ?? (pageByline.replace(/^by\s+/i, '') || fromByline.author);
  const published =
    parseByline(article?.publishedTime?.trim() ?? '')?.published ?? fromByline.published;
  const siteName = oneLine(article?.siteName ?? '');

  const metadata: ArticleMetadata = { title };
  const dekText = description ?? dek;
  if (dekText) metadata.dek = dekText;
  if (author) metadata.author = author;
  if (published) metadata.published = published;
  if (siteName) metadata.siteName = siteName;
  if (url) metadata.url = url;
  const body = classifyBodyBlocks(raw.map(({ kind, text }) => ({ kind, text })));
  // A headline made from <title> alone is not an article: leave the refusal to the caller.
  return { metadata, blocks: body.length === 0 ? [] : [...header, ...body] };
}

/**
 * The charset an HTML file declares in its first 1024 bytes (`<meta charset>` or an
 * `http-equiv` Content-Type), lower-cased, as browsers pre-scan for it; undefined if none.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps each byte to one character, so ASCII markup reads right in any such charset.
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^\s"'/;>]+)/i.exec(head);
  return match ? match[1]!.toLowerCase() : undefined;
}

interface RawBlock extends Block {
  heading: boolean;
}

/** Walks an element's tree into blocks of text, taking text nodes only. */
function textBlocks(root: DomElement): RawBlock[] {
  const blocks: RawBlock[] = [];
  const kinds: Block['kind'][] = ['paragraph'];
  let buffer = '';
  let preDepth = 0;
  let heading = false;

  const flush = () => {
    const kind = kinds[kinds.length - 1]!;
    for (const text of cleanBlockText(buffer)) blocks.push({ kind, text, heading });
    buffer = '';
  };
  const visit = (node: DomNode) => {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? '';
      // Outside <pre>, HTML collapses white space (line breaks included) to single spaces.
      buffer += preDepth > 0 ? text : text.replace(/[ \t\n\r\f]+/g, ' ');
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as DomElement;
    const name = element.localName.toLowerCase();
    if (SKIPPED.has(name)) return;
    if (name === 'br') {
      buffer += '\n';
      return;
    }
    // Table cells of one row share a block, set apart so the row still reads.
    if ((name === 'td' || name === 'th') && buffer.trim() !== '') buffer += ' | ';
    if (!BLOCK_ELEMENTS.has(name)) {
      Array.from(element.childNodes).forEach(visit);
      return;
    }
    flush();
    kinds.push(ELEMENT_KINDS.get(name) ?? kinds[kinds.length - 1]!);
    if (name === 'pre') preDepth++;
    const outerHeading = heading;
    heading = HEADINGS.has(name);
    Array.from(element.childNodes).forEach(visit);
    flush();
    heading = outerHeading;
    if (name === 'pre') preDepth--;
    kinds.pop();
  };
  visit(root);
  flush();
  return blocks;
}

/** The page's canonical URL: `<link rel=canonical>` first, then `og:url`; absolute http(s) only. */
function canonicalUrl(page: DomDocument): string | undefined {
  const candidates: (string | null)[] = [];
  for (const link of Array.from(page.querySelectorAll('link'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) candidates.push(link.getAttribute('href'));
  }
  candidates.push(metaContent(page, ['og:url']) ?? null);
  for (const candidate of candidates) {
    const url = webUrl(candidate);
    if (url) return url;
  }
  return undefined;
}

/** An absolute http(s) URL, normalised; never `javascript:` or a relative path. */
function webUrl(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The first non-empty `<meta name|property=…>` content among `keys`, in that order. */
function metaContent(page: DomDocument, keys: readonly string[]): string | undefined {
  const metas = Array.from(page.querySelectorAll('meta'));
  for (const key of keys) {
    for (const meta of metas) {
      const name = meta.getAttribute('name') ?? meta.getAttribute('property');
      const content = oneLine(meta.getAttribute('content') ?? '');
      if (name?.toLowerCase() === key && content !== '') return content;
    }
  }
  return undefined;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function sameText(a: string, b: string): boolean {
  return oneLine(a).toLowerCase() === oneLine(b).toLowerCase();
}

function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  return name.replace(/\.[^.]+$/, '') || name;
}
