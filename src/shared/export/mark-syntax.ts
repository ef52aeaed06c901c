import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type {
  Code,
  Event,
  Extension,
  Resolver,
  State,
  Token,
  TokenizeContext,
  Tokenizer,
} from 'micromark-util-types';
import { classifyCharacter } from './flanking';
import type { Mark } from './markdown-nodes';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mark: 'mark';
    markSequence: 'markSequence';
    markSequenceTemporary: 'markSequenceTemporary';
    markText: 'markText';
  }
}

const EQUALS = 61;

/** Replaces `remove` events at `start` with `items` (event lists stay small here). */
function splice(list: Event[], start: number, remove: number, items: Event[]): void {
  list.splice(Math.max(0, start), remove, ...items);
}

/** Runs each distinct `resolveAll` of `constructs` over the events, as micromark does. */
function resolveAll(
  constructs: ReadonlyArray<{ resolveAll?: Resolver | undefined }>,
  events: Event[],
  context: TokenizeContext,
): Event[] {
  const called: Resolver[] = [];
  let resolved = events;
  for (const construct of constructs) {
    const resolve = construct.resolveAll;
    if (resolve && !called.includes(resolve)) {
      resolved = resolve(resolved, context);
      called.push(resolve);
    }
  }
  return resolved;
}

interface MarkToken extends Token {
  _open?: boolean;
  _close?: boolean;
}

/**
 * Pairs `==` openers and closers (a run of exactly two, flanking like GFM strikethrough),
 * turning the text between into a `mark`; unpaired runs stay text.
 */
const resolveAllMark: Resolver = (events, context) => {
  let index = -1;
  while (++index < events.length) {
    const closer = events[index] as Event;
    if (closer[0] !== 'enter' || closer[1].type !== 'markSequenceTemporary') continue;
    if (!(closer[1] as MarkToken)._close) continue;
    let open = index;
    while (open--) {
      const opener = events[open] as Event;
      if (
        opener[0] === 'exit' &&
        opener[1].type === 'markSequenceTemporary' &&
        (opener[1] as MarkToken)._open
      ) {
        closer[1].type = 'markSequence';
        opener[1].type = 'markSequence';
        const mark: Token = {
          type: 'mark',
          start: { ...opener[1].start },
          end: { ...closer[1].end },
        };
        const text: Token = {
          type: 'markText',
          start: { ...opener[1].end },
          end: { ...closer[1].start },
        };
        const next: Event[] = [
          ['enter', mark, context],
          ['enter', opener[1], context],
          ['exit', opener[1], context],
          ['enter', text, context],
        ];
        const insideSpan = context.parser.constructs.insideSpan.null;
        if (insideSpan) {
          splice(
            next,
            next.length,
            0,
            resolveAll(insideSpan, events.slice(open + 1, index), context),
          );
        }
        splice(next, next.length, 0, [
          ['exit', text, context],
          ['enter', closer[1], context],
          ['exit', closer[1], context],
          ['exit', mark, context],
        ]);
        splice(events, open - 1, index - open + 3, next);
        index = open + next.length - 2;
        break;
      }
    }
  }
  for (const event of events) {
    if (event[1].type === 'markSequenceTemporary') event[1].type = 'data';
  }
  return events;
};

function tokenizeMark(
  this: TokenizeContext,
  effects: Parameters<Tokenizer>[0],
  ok: State,
  nok: State,
): State {
  const previous = this.previous;
  const events = this.events;
  let size = 0;

  const more: State = (code: Code) => {
    if (code === EQUALS) {
      if (size > 1) return nok(code);
      effects.consume(code);
      size++;
      return more;
    }
    if (size < 2) return nok(code);
    const token = effects.exit('markSequenceTemporary') as MarkToken;
    const before = classifyCharacter(previous);
    const after = classifyCharacter(code);
    token._open = !after || (after === 2 && Boolean(before));
    token._close = !before || (before === 2 && Boolean(after));
    return ok(code);
  };

  return (code: Code) => {
    const last = events[events.length - 1];
    if (previous === EQUALS && last && last[1].type !== 'characterEscape') return nok(code);
    effects.enter('markSequenceTemporary');
    return more(code);
  };
}

/**
 * A micromark syntax extension for `==mark==`: exactly two `=`, with the flanking rules GFM
 * uses for `~~`. Notes are read with it (so a note's marks stay marks), and the export tests
 * read exports back with it.
 */
export function markSyntax(): Extension {
  const tokenizer = { name: 'mark', tokenize: tokenizeMark, resolveAll: resolveAllMark };
  return {
    text: { [EQUALS]: tokenizer },
    insideSpan: { null: [tokenizer] },
  };
}

/** The mdast-util-from-markdown extension that turns `mark` tokens into `mark` nodes. */
export function markFromMarkdown(): FromMarkdownExtension {
  return {
    canContainEols: ['mark'],
    enter: {
      mark(token) {
        this.enter({ type: 'mark', children: [] } as Mark, token);
      },
    },
    exit: {
      mark(token) {
        this.exit(token);
      },
    },
  };
}
