import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import { ApiFailure } from '../../shared/api/result';
import type { ArticleMetadata, Block } from '../../shared/article/article-model';
import { decodeArticleBytes } from '../../shared/article/decode-article-bytes';
import { normalizeArticleText } from '../../shared/article/normalize-text';
import { parseMarkdownArticle, readFrontMatter } from '../../shared/article/parse-markdown-article';
import { parseTextArticle } from '../../shared/article/parse-text-article';
import { readFactmarkMarkdown, type ImportedFactmarkMarkdown } from '../../shared/export';
import { declaredCharset, parseHtmlArticle } from './parse-html-article';

/** An imported file read into an article: metadata and blocks, ready to be stored. */
export interface ParsedArticleFile {
  metadata: ArticleMetadata;
  blocks: Block[];
  /**
   * Present when the file is a Factmark Markdown export: its article, annotations and verdicts
   * exactly as exported (`metadata` and `blocks` are that article's).
   */
  factmark?: ImportedFactmarkMarkdown;
}

/** Name of the article made from pasted text, used in messages and as its source. */
export const PASTED_ARTICLE = 'Pasted article';

/**
 * Reads an imported file (.txt, .md/.markdown, .html/.htm, or a Factmark Markdown export) into
 * an article. Every refusal is an `invalid-input` ApiFailure naming the file (its name without
 * folders): an unsupported extension, bytes that cannot be decoded (see decodeArticleBytes),
 * or a file with no article text. Parsing has no side effects, so a refusal changes nothing.
 * `metadata.source` is the file name unless the article has a URL (or a Factmark export
 * already names its source).
 */
export function parseArticleFile(fileName: string, bytes: Uint8Array): ParsedArticleFile {
  const name = fileName.split(/[\\/]/).pop() || fileName;
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  let parsed: ParsedArticleFile;
  switch (extension) {
    case 'txt':
      parsed = parseTextArticle(decodeArticleBytes(name, bytes));
      break;
    case 'md':
    case 'markdown':
      parsed = parseMarkdownFile(name, decodeArticleBytes(name, bytes));
      break;
    case 'html':
    case 'htm': {
      const text = decodeArticleBytes(name, bytes, { declaredCharset: declaredCharset(bytes) });
      parsed = parseHtmlArticle(text, name);
      break;
    }
    default:
      throw new ApiFailure('invalid-input', `${name}: Factmark imports .txt, .md and .html files`);
  }
  return withSource(parsed, name);
}

/**
 * Reads pasted text as a plain-text article (the same rules as a .txt file), normalised once
 * here before any offset exists. Refuses empty or oversized text and text with no article in
 * it, naming it `fileName`.
 */
export function parseArticleText(text: string, fileName = PASTED_ARTICLE): ParsedArticleFile {
  if (text === '') throw new ApiFailure('invalid-input', `${fileName} is empty`);
  // Each UTF-16 code unit is at least one UTF-8 byte, so this never refuses text within the limit.
  if (text.length > MAX_IMPORT_BYTES) {
    throw new ApiFailure(
      'invalid-input',
      `${fileName} is over 20 MB; Factmark imports articles up to 20 MB`,
    );
  }
  return withSource(parseTextArticle(normalizeArticleText(text)), fileName);
}

/**
 * A Factmark export (front matter with a `factmark:` data block) comes back whole, annotations
 * included; any other Markdown is read as an article. An export whose data block is damaged
 * is refused rather than imported without its annotations.
 */
function parseMarkdownFile(name: string, markdown: string): ParsedArticleFile {
  const { data } = readFrontMatter(markdown);
  if (data === undefined || !('factmark' in data)) return parseMarkdownArticle(markdown, name);
  const reading = readFactmarkMarkdown(markdown);
  if (!reading.ok) {
    throw new ApiFailure(
      'invalid-input',
      `${name} is a Factmark export that cannot be read: ${reading.error}`,
    );
  }
  const { article } = reading.value;
  return { metadata: { ...article.metadata }, blocks: article.blocks, factmark: reading.value };
}

function withSource(parsed: ParsedArticleFile, name: string): ParsedArticleFile {
  if (parsed.blocks.length === 0) {
    throw new ApiFailure('invalid-input', `${name} has no article text`);
  }
  const metadata = { ...parsed.metadata };
  if (metadata.url === undefined && metadata.source === undefined) metadata.source = name;
  return { ...parsed, metadata };
}
