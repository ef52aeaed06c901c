import type { Parent, PhrasingContent } from 'mdast';
import type {
  Attention,
  Handle,
  Info,
  Options as ToMarkdownOptions,
  State,
  Unsafe,
} from 'mdast-util-to-markdown';

/** A highlighted span, written `==text==` (the `mark` syntax of Obsidian, Pandoc and markdown-it). */
export interface Mark extends Parent {
  type: 'mark';
  children: PhrasingContent[];
}

/** One run of a block's text and, when it is highlighted, the CriticMarkup comments it carries. */
export interface CriticSegment {
  text: string;
  /** Empty for unmarked text; otherwise one comment per claim covering the run. */
  comments: string[];
}

/**
 * A whole block's text in CriticMarkup: `{==text==}{>>comment<<}` per highlighted run. It is one
 * node, not many, so each run can be escaped knowing the raw text on both sides of it.
 */
export interface CriticText {
  type: 'criticText';
  segments: CriticSegment[];
  /** The block's plain text (what `mdast-util-to-string` and heading layout read). */
  value: string;
}

/** A free-standing CriticMarkup comment, `{>>comment<<}` (used for claims not found in the text). */
export interface CriticComment {
  type: 'criticComment';
  value: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    mark: Mark;
    criticText: CriticText;
    criticComment: CriticComment;
  }
  interface RootContentMap {
    mark: Mark;
    criticText: CriticText;
    criticComment: CriticComment;
  }
}

declare module 'mdast-util-to-markdown' {
  interface ConstructNameMap {
    mark: 'mark';
  }
}

/** Constructs where text is not Markdown phrasing (URLs, titles), as in mdast-util-to-markdown. */
const notPhrasingSpans: Unsafe['notInConstruct'] = [
  'autolink',
  'destinationLiteral',
  'destinationRaw',
  'reference',
  'titleQuote',
  'titleApostrophe',
];

const markAttention: Attention = () => ({ construct: 'mark', markers: ['='], sizes: [2] });

/**
 * Writes a `mark` as `==…==`. In phrasing, mdast-util-to-markdown's attention algorithm places
 * the markers (and encodes neighbouring characters so the run opens and closes, as it does for
 * emphasis); this body only runs when a mark is serialised on its own.
 */
const markHandler: Handle = (node: Mark, _parent, state: State, info: Info) => {
  const exit = state.enter('mark');
  const inner = state.containerPhrasing(node, { ...info, before: '==', after: '==' });
  exit();
  return `==${inner}==`;
};
Object.assign(markHandler, { attention: markAttention, peek: () => '=' });

/**
 * The mdast-util-to-markdown extension for `mark`: text never contains two `=` in a row
 * unescaped (`\=`), so article text can neither open nor close a mark. Lookarounds keep the
 * patterns from consuming the character they test, so every `=` of a run is caught.
 */
export function markToMarkdown(): ToMarkdownOptions {
  return {
    handlers: { mark: markHandler },
    unsafe: [
      {
        character: '=',
        after: '(?==)',
        inConstruct: 'phrasing',
        notInConstruct: notPhrasingSpans,
      },
      {
        character: '=',
        before: '(?<==)',
        inConstruct: 'phrasing',
        notInConstruct: notPhrasingSpans,
      },
      ...exportUnsafe,
    ],
  };
}

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
const exportUnsafe: Unsafe[] = [wwwUnsafe, caretUnsafe];

/**
 * Patterns that would open or close CriticMarkup (`{++ {-- {~~ {== {>>`, `++} --} ~~} ==} <<}`,
 * and `~>`): the character that completes one is escaped, so the literal sequence never appears.
 */
const criticUnsafe: Unsafe[] = [
  ...['+', '-', '~', '=', '>'].map((character): Unsafe => ({
    character,
    before: '\\{',
    inConstruct: 'phrasing',
  })),
  { character: '}', before: '(?:\\+\\+|--|~~|==|<<)', inConstruct: 'phrasing' },
  { character: '>', before: '~', inConstruct: 'phrasing' },
];

function firstCharacter(text: string): string {
  const code = text.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/**
 * How much raw text before a run the escaper sees: enough for every line-start pattern
 * (`\n   12)`), bounded so long blocks with many runs stay linear.
 */
const CONTEXT_LENGTH = 64;

/** The raw text before run `index` as a reader that strips the markup sees it (its tail). */
function contextBefore(segments: readonly CriticSegment[], index: number, outside: string): string {
  let context = '';
  for (let i = index - 1; i >= 0 && context.length < CONTEXT_LENGTH; i--) {
    context = (segments[i] as CriticSegment).text + context;
  }
  if (context.length < CONTEXT_LENGTH) context = outside + context;
  return context.slice(-CONTEXT_LENGTH);
}

/**
 * The first raw character after run `index` as a reader that strips the markup sees it (one
 * character, as mdast-util-to-markdown passes: its backslash escaping reads no further).
 */
function contextAfter(segments: readonly CriticSegment[], index: number, outside: string): string {
  const next = segments[index + 1];
  return next ? firstCharacter(next.text) : outside;
}

/** Any ASCII punctuation: what markup next to a run looks like to the escaper. */
const MARKUP_CONTEXT = '=';

function comment(state: State, value: string): string {
  return `{>>${state.safe(value, { before: '>', after: '<' })}<<}`;
}

/**
 * Writes a block's runs. Each run is escaped against the raw text around it, as a reader that
 * strips CriticMarkup will see it, and also against the markup itself where that matters
 * (an `_` or `\` next to a delimiter), so both readings give back the block's exact text.
 */
const criticTextHandler: Handle = (node: CriticText, _parent, state: State, info: Info) => {
  const { segments } = node;
  const out: string[] = [];
  segments.forEach((segment, index) => {
    const previous = segments[index - 1];
    const next = segments[index + 1];
    const marked = segment.comments.length > 0;
    const markupLeft = marked || (previous !== undefined && previous.comments.length > 0);
    const markupRight = marked || (next !== undefined && next.comments.length > 0);
    let before = contextBefore(segments, index, info.before);
    let after = contextAfter(segments, index, info.after);
    if (markupLeft && segment.text.startsWith('_')) before = MARKUP_CONTEXT;
    if (markupRight && /[_\\]$/.test(segment.text)) after = MARKUP_CONTEXT;
    let text = state.safe(segment.text, { before, after });
    // Leading whitespace of a paragraph or heading is dropped by parsers once the markup is
    // stripped; the heading handler only encodes it when the block starts with plain text.
    if (index === 0 && marked && /^[ \t]/.test(text)) {
      text = `&#x${text.charCodeAt(0).toString(16).toUpperCase()};${text.slice(1)}`;
    }
    if (!marked) {
      out.push(text);
      return;
    }
    out.push(`{==${text}==}`);
    for (const value of segment.comments) out.push(comment(state, value));
  });
  return out.join('');
};
Object.assign(criticTextHandler, {
  peek: (node: CriticText) => {
    const first = node.segments[0];
    return first === undefined ? '' : first.comments.length > 0 ? '{' : firstCharacter(first.text);
  },
});

const criticCommentHandler: Handle = (node: CriticComment, _parent, state: State) =>
  comment(state, node.value);
Object.assign(criticCommentHandler, { peek: () => '{' });

/** The mdast-util-to-markdown extension for CriticMarkup highlights and comments. */
export function criticMarkupToMarkdown(): ToMarkdownOptions {
  return {
    handlers: { criticText: criticTextHandler, criticComment: criticCommentHandler },
    unsafe: [...criticUnsafe, ...exportUnsafe],
  };
}
