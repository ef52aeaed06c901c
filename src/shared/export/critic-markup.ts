import type {
  Handle,
  Info,
  Options as ToMarkdownOptions,
  State,
  Unsafe,
} from 'mdast-util-to-markdown';
import { characterReference } from './flanking';
import type { CriticComment, CriticSegment, CriticText } from './markdown-nodes';
import { exportUnsafe, textHandlers } from './serializer-handlers';

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

/** Written comments, per serializer run: a claim's comment repeats on each of its runs. */
const writtenComments = new WeakMap<State, Map<string, string>>();

/** `{>>comment<<}`, the comment escaped as text (its context never changes). */
function comment(state: State, value: string): string {
  let written = writtenComments.get(state);
  if (!written) writtenComments.set(state, (written = new Map()));
  let markup = written.get(value);
  if (markup === undefined) {
    markup = `{>>${state.safe(value, { before: '>', after: '<' })}<<}`;
    written.set(value, markup);
  }
  return markup;
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
      text = `${characterReference(text.charCodeAt(0))}${text.slice(1)}`;
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
    handlers: {
      ...textHandlers,
      criticText: criticTextHandler,
      criticComment: criticCommentHandler,
    },
    unsafe: [...criticUnsafe, ...exportUnsafe],
  };
}
