import type { Handle, Info, Options as ToMarkdownOptions, State } from 'mdast-util-to-markdown';
import { delimiterEncoding, encodeFirst, encodeLast } from './flanking';
import type { ClaimHead, MarkedRun, MarkedText } from './markdown-nodes';
import {
  exportUnsafe,
  footnoteDefinitionHandler,
  footnoteReferenceHandler,
  markHandler,
  markUnsafe,
  noteSourceHandler,
  textHandlers,
} from './serializer-handlers';

/** A piece of a block as written: text, marked or not, then the footnotes it references. */
interface Piece {
  marked: boolean;
  text: string;
  references: string[];
}

/**
 * The pieces of a block. A mark can only start or end with whitespace written as a character
 * reference, and CommonMark has none for a vertical tab: tabs at a marked run's edges are
 * written as unmarked text next to it (the one character a claim covers that may go unmarked).
 */
function pieces(runs: readonly MarkedRun[]): Piece[] {
  const out: Piece[] = [];
  const push = (piece: Piece): void => {
    const last = out[out.length - 1];
    if (last && !last.marked && !piece.marked && last.references.length === 0) {
      last.text += piece.text;
      last.references = piece.references;
    } else out.push({ ...piece, references: [...piece.references] });
  };
  for (const run of runs) {
    if (run.references.length === 0 || !run.text.includes('\v')) {
      push({ marked: run.references.length > 0, text: run.text, references: run.references });
      continue;
    }
    const [, lead = '', core = '', trail = ''] = /^(\v*)([\s\S]*?)(\v*)$/.exec(run.text) ?? [];
    if (core === '') {
      push({ marked: false, text: run.text, references: run.references });
      continue;
    }
    if (lead) push({ marked: false, text: lead, references: [] });
    push({ marked: true, text: core, references: run.references });
    if (trail) push({ marked: false, text: trail, references: [] });
  }
  return out;
}

/** Whether `text` ends with a line ending (`/[\r\n]$/`, without scanning all of `text`). */
function endsWithLineEnding(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13;
}

/**
 * Writes a block in footnotes style: each unmarked run escaped as text, each marked run as
 * `==…==` followed by its footnote references. Everything is escaped by mdast-util-to-markdown
 * (`state.safe`) against the characters really around it; then the delimiters are made to
 * flank: whitespace just inside one, or a letter just outside an opener before punctuation,
 * becomes a character reference.
 */
const markedTextHandler: Handle = (node: MarkedText, _parent, state: State, info: Info) => {
  const list = pieces(node.runs);
  const out: string[] = [];
  const lastOutput = (): string => {
    const last = out[out.length - 1];
    return last === undefined ? info.before : last;
  };
  list.forEach((piece, index) => {
    const next = list[index + 1];
    const references = piece.references.map((label) => `[^${label}]`).join('');
    if (!piece.marked) {
      const after =
        references !== '' ? '[' : next === undefined ? info.after : next.marked ? '=' : '';
      const before = out.length > 0 ? lastOutput().slice(-1) : info.before;
      out.push(state.safe(piece.text, { before, after }) + references);
      return;
    }
    let inner = state.safe(piece.text, { before: '==', after: '==' });
    const before = lastOutput();
    const open = delimiterEncoding(before.charCodeAt(before.length - 1), inner.charCodeAt(0));
    if (open.inside) inner = encodeFirst(inner);
    const previous = out[out.length - 1];
    if (open.outside && previous !== undefined && !endsWithLineEnding(previous)) {
      out[out.length - 1] = encodeLast(previous);
    }
    // References follow every mark, so the closer always has `[` (punctuation) outside.
    const close = delimiterEncoding('['.charCodeAt(0), inner.charCodeAt(inner.length - 1));
    if (close.inside) inner = encodeLast(inner);
    out.push(`==${inner}==${references}`);
  });
  return out.join('');
};
Object.assign(markedTextHandler, {
  peek: (node: MarkedText, _parent: unknown, state: State) => {
    const [first] = pieces(node.runs);
    if (!first) return '';
    return first.marked ? '=' : state.safe(first.text.slice(0, 4), { before: '', after: '' });
  },
});

/** Escaped verdict labels, per serializer run (labels repeat on every claim). */
const escapedLabels = new WeakMap<State, Map<string, string>>();

/**
 * Writes `**Verdict** rest` as GFM's strong would: the label escaped, and an edge character
 * that would stop `**` opening or closing written as a character reference.
 */
const claimHeadHandler: Handle = (node: ClaimHead, _parent, state: State, info: Info) => {
  let labels = escapedLabels.get(state);
  if (!labels) escapedLabels.set(state, (labels = new Map()));
  let label = labels.get(node.verdict);
  if (label === undefined) {
    label = state.safe(node.verdict, { before: '*', after: '*' });
    labels.set(node.verdict, label);
  }
  let rest = state.safe(node.rest, { before: '*', after: info.after });
  const open = delimiterEncoding(
    info.before.charCodeAt(info.before.length - 1),
    label.charCodeAt(0),
  );
  if (open.inside) label = encodeFirst(label);
  const close = delimiterEncoding(
    rest === '' ? info.after.charCodeAt(0) : rest.charCodeAt(0),
    label.charCodeAt(label.length - 1),
  );
  if (close.inside) label = encodeLast(label);
  if (close.outside && rest !== '') rest = encodeFirst(rest);
  return `**${label}**${rest}`;
};
Object.assign(claimHeadHandler, { peek: () => '*' });

/**
 * The mdast-util-to-markdown extension for the footnotes style: marked blocks, footnotes with
 * generated labels, marks and source of notes, and the export's extra escapes.
 */
export function footnotesToMarkdown(): ToMarkdownOptions {
  return {
    handlers: {
      ...textHandlers,
      markedText: markedTextHandler,
      claimHead: claimHeadHandler,
      footnoteReference: footnoteReferenceHandler,
      footnoteDefinition: footnoteDefinitionHandler,
      mark: markHandler,
      noteSource: noteSourceHandler,
    },
    unsafe: [...markUnsafe, ...exportUnsafe],
  };
}
