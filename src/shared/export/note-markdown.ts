import type {
  BlockContent,
  Definition,
  DefinitionContent,
  FootnoteDefinition,
  Nodes,
  RootContent,
} from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** A note ready to sit inside a footnote: its flow content, and its own footnotes lifted out. */
export interface EmbeddedNote {
  flow: Array<BlockContent | DefinitionContent>;
  /** The note's own footnote definitions, relabelled `<prefix>-<n>` so they cannot clash. */
  footnotes: FootnoteDefinition[];
}

/** Parent types whose children are flow (block) content. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/**
 * Prose that parses to one paragraph holding exactly itself: one line, no character that can
 * start inline syntax, nothing at its start that could open a block, no autolink literal.
 * Such a note skips the parser (most notes, and parsing is the slow part of an export).
 */
const PLAIN_PROSE = /^(?![\s\-+.\d])[^\\`*_[\]<>!#|~=&@\n\r\t]*(?<!\s)$/;
const AUTOLINK_START = /:\/|www\./i;

function isPlainProse(note: string): boolean {
  return PLAIN_PROSE.test(note) && !AUTOLINK_START.test(note);
}

/**
 * Turns a note's Markdown source into mdast that can be embedded in a footnote and never
 * escapes it: the note is parsed (CommonMark + GFM), then
 * - raw HTML becomes literal text (nothing from a note is ever rendered as HTML),
 * - link and image references are resolved and their definitions dropped (definitions are
 *   document-wide and would leak into, or be hijacked by, the rest of the file),
 * - the note's own footnotes are relabelled `<labelPrefix>-<n>` and returned separately, to be
 *   written after the claim's footnote.
 * The serializer then indents everything under the footnote, so no line of the note can end it.
 */
export function embedNote(note: string, labelPrefix: string): EmbeddedNote {
  if (note === '') return { flow: [], footnotes: [] };
  if (isPlainProse(note)) {
    return {
      flow: [{ type: 'paragraph', children: [{ type: 'text', value: note }] }],
      footnotes: [],
    };
  }
  const tree = fromMarkdown(note, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

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
          const copy: Record<string, unknown> = { ...child };
          delete copy.position;
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
