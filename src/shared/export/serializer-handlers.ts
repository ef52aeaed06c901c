import type { FootnoteDefinition, FootnoteReference, Paragraph, Parents, Text } from 'mdast';
import {
  defaultHandlers,
  type Attention,
  type Handle,
  type Info,
  type State,
  type Unsafe,
} from 'mdast-util-to-markdown';
import type { FixedWording, Mark, NoteSource } from './markdown-nodes';
import { filterUnsafePatterns } from './unsafe-filter';

/** Constructs where text is not Markdown phrasing (URLs, titles), as in mdast-util-to-markdown. */
export const notPhrasingSpans: Unsafe['notInConstruct'] = [
  'autolink',
  'destinationLiteral',
  'destinationRaw',
  'reference',
  'titleQuote',
  'titleApostrophe',
];

/**
 * GFM starts a `www.` autolink literal at the `.` whatever follows it, and the link then swallows
 * the next characters raw (escapes included): mdast-util-to-markdown only escapes the `.` when a
 * domain character follows, so text like `www.` before a mark or an escape would change.
 */
const wwwUnsafe: Unsafe = {
  character: '.',
  before: '[Ww]{3}',
  inConstruct: 'phrasing',
  notInConstruct: notPhrasingSpans,
};

/**
 * Link text starting with `^` (a note's `[^1](url)`) would be read as a call to one of the
 * export's own footnotes once footnotes with that label exist; `[\^1](url)` stays a link.
 */
const caretUnsafe: Unsafe = { character: '^', before: '\\[', inConstruct: 'label' };

/** Escapes every export needs on top of mdast-util-to-markdown's and GFM's own. */
export const exportUnsafe: Unsafe[] = [wwwUnsafe, caretUnsafe];

/**
 * How much of a text the peek escapes: past any leading `_` run (escaped or not as a whole),
 * enough characters for every pattern's one-character lookahead and the escaper's rule that
 * skips a character whose neighbour is escaped anyway.
 */
const PEEK_LOOKAHEAD = 4;

/**
 * The default text handler, plus a `peek`. Without one, the serializer escapes a whole text
 * node just to learn its first character whenever the node follows another sibling (after
 * every footnote reference, strong or link): that doubled the cost of an export. Escaping a
 * short prefix in the same (empty) context gives the same first character.
 */
const textHandler: Handle = (node: Text, parent, state: State, info: Info) =>
  defaultHandlers.text(node, parent, state, info);
Object.assign(textHandler, {
  peek: (node: Text, parent: Parents | undefined, state: State, info: Info) => {
    const { value } = node;
    let end = 0;
    while (value.charCodeAt(end) === 95 /* `_` */) end++;
    end = Math.min(value.length, end + PEEK_LOOKAHEAD);
    const last = value.charCodeAt(end - 1);
    if (end < value.length && last >= 0xd800 && last <= 0xdbff) end++;
    return defaultHandlers.text({ type: 'text', value: value.slice(0, end) }, parent, state, info);
  },
});

/** Wording that cannot form Markdown wherever it stands (see `FixedWording`). */
const INERT_WORDING = /^[ \p{L}—–-]*:?$/u;

const fixedWordingHandler: Handle = (node: FixedWording, parent, state: State, info: Info) =>
  INERT_WORDING.test(node.value)
    ? node.value
    : defaultHandlers.text({ type: 'text', value: node.value }, parent, state, info);
Object.assign(fixedWordingHandler, {
  peek: (node: FixedWording, parent: Parents | undefined, state: State, info: Info) =>
    INERT_WORDING.test(node.value)
      ? node.value.charAt(0)
      : defaultHandlers.text({ type: 'text', value: node.value }, parent, state, info),
});

/** The export's handlers for plain text and fixed wording, for both styles. */
export const textHandlers = { text: textHandler, fixedWording: fixedWordingHandler };

/** The footnote labels an export makes: a claim number, or `<claim>-<n>` for a note's own. */
const GENERATED_LABEL = /^\d+(?:-\d+)*$/;

/**
 * A footnote label as written: generated labels hold nothing to escape, so they skip the
 * escaper (called thousands of times on a long export); any other label is escaped as GFM does.
 */
function footnoteLabel(node: FootnoteDefinition | FootnoteReference, state: State): string {
  const label = node.label ?? node.identifier;
  if (GENERATED_LABEL.test(label)) return label;
  const exit = state.enter('label');
  const value = state.safe(label, { before: '[^', after: ']' });
  exit();
  return value;
}

export const footnoteReferenceHandler: Handle = (node: FootnoteReference, _parent, state: State) =>
  `[^${footnoteLabel(node, state)}]`;
Object.assign(footnoteReferenceHandler, { peek: () => '[' });

/** As GFM writes a footnote: `[^label]: ` and its content indented by four spaces. */
export const footnoteDefinitionHandler: Handle = (
  node: FootnoteDefinition,
  _parent,
  state: State,
  info: Info,
) => {
  const tracker = state.createTracker(info);
  const exit = state.enter('footnoteDefinition');
  let value = tracker.move(`[^${footnoteLabel(node, state)}]:`);
  if (node.children.length > 0) {
    tracker.shift(4);
    const content = state.containerFlow(node, tracker.current());
    // The tracker is not used again: moving it over the content would only split it into lines.
    value += ` ${state.indentLines(content, (line, index, blank) =>
      index === 0 || blank ? line : `    ${line}`,
    )}`;
  }
  exit();
  return value;
};

const markAttention: Attention = () => ({ construct: 'mark', markers: ['='], sizes: [2] });

/**
 * Writes a `mark` as `==…==`. In phrasing, mdast-util-to-markdown's attention algorithm places
 * the markers (and encodes neighbouring characters so the run opens and closes, as it does for
 * emphasis); this body only runs when a mark is serialised on its own.
 */
export const markHandler: Handle = (node: Mark, _parent, state: State, info: Info) => {
  const exit = state.enter('mark');
  const inner = state.containerPhrasing(node, { ...info, before: '==', after: '==' });
  exit();
  return `==${inner}==`;
};
Object.assign(markHandler, { attention: markAttention, peek: () => '=' });

/**
 * `=` next to another `=` is escaped (`\=`), so text can neither open nor close a mark;
 * lookarounds keep the patterns from consuming the character they test, so every `=` of a run
 * is caught.
 */
export const markUnsafe: Unsafe[] = [
  { character: '=', after: '(?==)', inConstruct: 'phrasing', notInConstruct: notPhrasingSpans },
  { character: '=', before: '(?<==)', inConstruct: 'phrasing', notInConstruct: notPhrasingSpans },
];

/** Writes a note's source as it is (see `embedNote` for when that is allowed). */
export const noteSourceHandler: Handle = (node: NoteSource) => node.value;

/**
 * The export's own phrasing nodes whose handlers read nothing of the phrasing around them but
 * the text before and after (no siblings, no attention): a paragraph of one of them alone is
 * written by its handler, inside the paragraph's constructs, as the paragraph handler would.
 */
const SELF_CONTAINED_PHRASING = new Set(['claimHead', 'fixedWording', 'markedText', 'criticText']);

const shortcutStates = new WeakSet<State>();

/**
 * Wraps the paragraph handler so that a paragraph holding one self-contained node (a claim's
 * head, "Evidence:", a block of the article) skips the generic phrasing machinery, which costs
 * more than the node itself (an export has thousands of such paragraphs). For one child with
 * no attention, that machinery returns exactly the child's handler output, given the
 * paragraph's own `before` and `after`, with `paragraph` and `phrasing` entered and the child
 * at index 0; those are kept. A paragraph in a list item (where GFM may write a task's check
 * before it) still goes to the wrapped handler.
 */
function shortcutSingleNodeParagraphs(state: State): void {
  if (shortcutStates.has(state)) return;
  shortcutStates.add(state);
  const paragraph = state.handlers.paragraph;
  state.handlers.paragraph = (node: Paragraph, parent, state, info) => {
    const [only, ...others] = node.children;
    if (
      only === undefined ||
      others.length > 0 ||
      !SELF_CONTAINED_PHRASING.has(only.type) ||
      (parent !== undefined && parent.type === 'listItem')
    ) {
      return paragraph(node, parent, state, info);
    }
    const exit = state.enter('paragraph');
    const subexit = state.enter('phrasing');
    state.indexStack.push(0);
    const value = state.handle(only, node, state, { ...info });
    state.indexStack.pop();
    subexit();
    exit();
    return value || '';
  };
}

/**
 * The root handler: the default one, after making the serializer cheaper for the whole run
 * without changing a byte of what it writes (see `filterUnsafePatterns` and
 * `shortcutSingleNodeParagraphs`).
 */
export const shortcutRootHandler: Handle = (node, parent, state, info) => {
  filterUnsafePatterns(state);
  shortcutSingleNodeParagraphs(state);
  return defaultHandlers.root(node as never, parent, state, info);
};
