import type {
  BlockContent,
  Definition,
  DefinitionContent,
  FootnoteDefinition,
  Link,
  Nodes,
  RootContent,
} from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { markFromMarkdown, markSyntax } from './mark-syntax';

/** A note ready to sit inside a footnote: its flow content, and its own footnotes lifted out. */
export interface EmbeddedNote {
  flow: Array<BlockContent | DefinitionContent>;
  /** The note's own footnote definitions, relabelled `<prefix>-<n>` so they cannot clash. */
  footnotes: FootnoteDefinition[];
}

/** Parent types whose children are flow (block) content. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * What starts raw HTML: a tag name followed by a space, `/`, `>` or a line end, a closing tag,
 * a comment, a declaration or a processing instruction. An autolink (`<https://x.org>`,
 * `<a@b.org>`) or a lone `<` is not HTML.
 */
const HTML_START = /<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|[/!?])/m;

/** Document-wide constructs (link and footnote definitions `]:`, footnote calls `[^`) and NUL. */
const DOCUMENT_WIDE = /\]:|\[\^|\0/;

/**
 * A code fence at the note's own top level (up to three spaces in): its run and the rest of the
 * line (`[^\n]`, not `.`, which stops at U+2028 where Markdown does not).
 */
const TOP_LEVEL_FENCE = /^ {0,3}(`{3,}|~{3,})([^\n]*)$/;

/** Whether a top-level code fence is left open, which would swallow what follows the note. */
function hasUnclosedFence(source: string): boolean {
  if (!source.includes('```') && !source.includes('~~~')) return false;
  let open: { marker: string; length: number } | undefined;
  for (const line of source.split('\n')) {
    const match = TOP_LEVEL_FENCE.exec(line);
    if (!match) continue;
    const run = match[1] as string;
    const rest = match[2] as string;
    if (open) {
      if (run[0] === open.marker && run.length >= open.length && /^[ \t]*$/.test(rest)) {
        open = undefined;
      }
    } else if (!(run[0] === '`' && rest.includes('`'))) {
      open = { marker: run[0] as string, length: run.length };
    }
  }
  return open !== undefined;
}

/**
 * Whether note source can be indented into a footnote as it is and read back the same: nothing
 * in it is document-wide, no raw HTML, no code fence left open. Inside a footnote every line is
 * indented, so nothing else can reach past the note: the blank line and unindented paragraph
 * after it close whatever is still open. Such notes (nearly all) skip the parser, the slow part
 * of an export.
 */
function isSelfContained(source: string): boolean {
  return !DOCUMENT_WIDE.test(source) && !HTML_START.test(source) && !hasUnclosedFence(source);
}

const noteExtensions = [gfm(), markSyntax()];
const noteMdastExtensions = [...gfmFromMarkdown(), markFromMarkdown()];

/** A copy of a node without its source position (the serializer has no use for it). */
function withoutPosition<T extends object>(node: T): T {
  const copy: T & { position?: unknown } = { ...node };
  delete copy.position;
  return copy;
}

/** The text of a link GFM made from a bare URL or e-mail address (not `<…>`), if it is one. */
function autolinkLiteralText(link: Link, source: string): string | undefined {
  const [only, ...others] = link.children;
  if (!only || others.length > 0 || only.type !== 'text' || link.title) return undefined;
  const start = link.position?.start.offset;
  if (start === undefined || source[start] === '<') return undefined;
  const text = only.value;
  return [text, `mailto:${text}`, `http://${text}`].includes(link.url) ? text : undefined;
}

/**
 * Turns a note's Markdown source into mdast that can be embedded in a footnote and never
 * escapes it. A self-contained note (see isSelfContained) is kept as its source; any other
 * is parsed (CommonMark + GFM + `==mark==`), then
 * - raw HTML becomes literal text (nothing from a note is ever rendered as HTML),
 * - link and image references are resolved and their definitions dropped (definitions are
 *   document-wide and would leak into, or be hijacked by, the rest of the file),
 * - the note's own footnotes are relabelled `<labelPrefix>-<n>` and returned separately, to be
 *   written after the claim's footnote.
 * The serializer then indents everything under the footnote, so no line of the note can end it.
 */
export function embedNote(note: string, labelPrefix: string): EmbeddedNote {
  // CR and CRLF are line endings to Markdown as LF is. Blank lines at either end would only add
  // blank lines to the footnote; only Markdown's own whitespace counts (a no-break space is text).
  const source = note
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/(?:\n[ \t]*)+$/, '');
  if (/^[ \t\n]*$/.test(source)) return { flow: [], footnotes: [] };
  if (isSelfContained(source)) {
    return { flow: [{ type: 'noteSource', value: source }], footnotes: [] };
  }
  const tree = fromMarkdown(source, {
    extensions: noteExtensions,
    mdastExtensions: noteMdastExtensions,
  });

  const definitions = new Map<string, Definition>();
  const footnoteLabels = new Map<string, string>();
  const collect = (node: Nodes): void => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) {
      definitions.set(node.identifier, node);
    }
    if (node.type === 'footnoteDefinition' && !footnoteLabels.has(node.identifier)) {
      footnoteLabels.set(node.identifier, `${labelPrefix}-${footnoteLabels.size + 1}`);
    }
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(tree);

  const footnotes: FootnoteDefinition[] = [];
  const rewrite = (children: readonly RootContent[], flow: boolean): RootContent[] =>
    children.flatMap((child): RootContent[] => {
      switch (child.type) {
        case 'definition':
          return [];
        case 'footnoteDefinition': {
          const label = footnoteLabels.get(child.identifier);
          // A repeated definition of the same label is ignored by parsers; drop it too.
          if (label !== undefined && !footnotes.some((footnote) => footnote.label === label)) {
            footnotes.push({
              type: 'footnoteDefinition',
              identifier: label,
              label,
              children: rewrite(child.children, true) as FootnoteDefinition['children'],
            });
          }
          return [];
        }
        case 'html': {
          const text: RootContent = { type: 'text', value: child.value };
          return flow ? [{ type: 'paragraph', children: [text as never] }] : [text];
        }
        case 'link': {
          // A GFM autolink literal (`a@b.org`, `www.x.org`) goes back to text: GFM links it
          // again from the text, while writing it as `<…>` can make an invalid autolink.
          const literal = autolinkLiteralText(child, source);
          if (literal !== undefined) return [{ type: 'text', value: literal }];
          return [{ ...withoutPosition(child), children: rewrite(child.children, false) as never }];
        }
        case 'linkReference': {
          const definition = definitions.get(child.identifier);
          const inner = rewrite(child.children, false);
          if (!definition) return inner;
          return [
            {
              type: 'link',
              url: definition.url,
              title: definition.title ?? null,
              children: inner as never,
            },
          ];
        }
        case 'imageReference': {
          const definition = definitions.get(child.identifier);
          if (!definition) return [{ type: 'text', value: child.alt ?? '' }];
          return [
            {
              type: 'image',
              url: definition.url,
              title: definition.title ?? null,
              alt: child.alt ?? null,
            },
          ];
        }
        case 'footnoteReference': {
          const label = footnoteLabels.get(child.identifier);
          if (label === undefined) return [{ type: 'text', value: `[^${child.label ?? ''}]` }];
          return [{ type: 'footnoteReference', identifier: label, label }];
        }
        default: {
          const copy: Record<string, unknown> = { ...withoutPosition(child) };
          if ('children' in child) {
            copy.children = rewrite(child.children as RootContent[], FLOW_PARENTS.has(child.type));
          }
          return [copy as unknown as RootContent];
        }
      }
    });

  const flow = rewrite(tree.children, true) as EmbeddedNote['flow'];
  return { flow, footnotes };
}
