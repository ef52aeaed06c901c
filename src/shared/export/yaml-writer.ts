/**
 * A small YAML writer for export front matter: plain JSON-like data (strings, finite numbers,
 * booleans, null, arrays, objects) written so that every YAML 1.1 and 1.2 parser reads back
 * exactly the same values. It is linear in the size of the data (a general YAML library spent
 * most of an export's time here) and conservative about style:
 * - a string is plain only when it starts with a letter, holds no YAML indicator and is not a
 *   word some parser reads as a boolean or null (`yes`, `No`, `on`, `null`...);
 * - multi-line text is a literal block (`|-`/`|+`) when that is exact and survives editors that
 *   trim line ends (no line ends in whitespace, no tabs or control characters);
 * - anything else is a double-quoted JSON string, with every character YAML does not allow raw
 *   (or that YAML 1.1 reads as a line break) escaped.
 */

/** Words YAML 1.1 reads as booleans or null in plain style (1.2 core reads a subset). */
const RESERVED_WORDS = new Set(
  ['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null'].flatMap((word) => [
    word,
    word.toUpperCase(),
    word[0]!.toUpperCase() + word.slice(1),
  ]),
);

/** Letters first, then letters, digits, marks, spaces and harmless punctuation; no line breaks. */
export const PLAIN = /^[\p{L}][\p{L}\p{M}\p{N} ,.'’“”()!?\-–—/+%]*$/u;

/** Characters that must not appear raw in YAML, or that YAML 1.1 treats as a line break. */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** A lone surrogate code unit (not encodable in UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A subset of `PLAIN` without Unicode properties (those make a regex slow over long text): an
 * ASCII letter first, then ASCII letters and digits and the punctuation `PLAIN` allows. Nearly
 * every plain string matches it; any string that does matches `PLAIN`.
 */
const PLAIN_COMMON = /^[A-Za-z][A-Za-z0-9 ,.'’“”()!?\-–—/+%]*$/;

/** An ASCII character `PLAIN` rejects: a non-letter first, or anything it does not list. */
// eslint-disable-next-line no-control-regex
const ASCII_NOT_PLAIN = /^[\u0000-@[-`{-\u007f]|[^A-Za-z0-9 ,.'()!?\-/+%\u0080-\uffff]/;

/** `PLAIN.test(text)`, deciding without the slow regex what the two ASCII regexes decide. */
export function matchesPlain(text: string): boolean {
  if (PLAIN_COMMON.test(text)) return true;
  if (ASCII_NOT_PLAIN.test(text)) return false;
  return PLAIN.test(text);
}

function isPlain(text: string): boolean {
  // `/\s$/`, reading only the last code unit (the regex would try every whitespace in the text).
  const last = text.charAt(text.length - 1);
  return matchesPlain(text) && !/\s/.test(last) && !RESERVED_WORDS.has(text);
}

/** A double-quoted scalar: JSON's escapes are all valid YAML escapes. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(
    NEEDS_ESCAPE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Whether multi-line text can be a literal block scalar and read back exactly: its first line
 * sets the indentation, so it must start with a visible character.
 */
function fitsLiteralBlock(text: string): boolean {
  return (
    text.includes('\n') &&
    /^[^\s]/.test(text) &&
    !/[ \t]\n|[ \t]$|\n\t|\r/.test(text) &&
    !new RegExp(NEEDS_ESCAPE.source).test(text) &&
    !LONE_SURROGATE.test(text)
  );
}

/** A literal block scalar for `text`, its lines indented by `indent`; keeps a final newline. */
function literalBlock(text: string, indent: string): string {
  const keep = text.endsWith('\n');
  const body = keep ? text.slice(0, -1) : text;
  const lines = body.split('\n').map((line) => (line === '' ? '' : indent + line));
  return `|${keep ? '+' : '-'}\n${lines.join('\n')}`;
}

function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new Error(`Cannot write a ${typeof value} as a YAML scalar`);
  if (isPlain(value)) return value;
  if (fitsLiteralBlock(value)) return literalBlock(value, indent);
  return quoted(value);
}

function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** Written keys: the data block repeats the same few keys thousands of times. */
const writtenKeys = new Map<string, string>();

function key(name: string): string {
  let written = writtenKeys.get(name);
  if (written === undefined) {
    written =
      isPlain(name) || (/^[A-Za-z_][\w-]*$/.test(name) && !RESERVED_WORDS.has(name))
        ? name
        : quoted(name);
    if (writtenKeys.size < 1000) writtenKeys.set(name, written);
  }
  return written;
}

/**
 * Where YAML is written: pieces gathered in a short list and joined into a flat chunk every
 * `CHUNK` pieces. The result is a rope of a few hundred chunks instead of tens of thousands of
 * small strings (every rope node is an object the garbage collector copies while the text grows).
 */
interface Output {
  text: string;
  pieces: string[];
}

const CHUNK = 512;

function write(out: Output, piece: string): void {
  out.pieces.push(piece);
  if (out.pieces.length >= CHUNK) {
    out.text += out.pieces.join('');
    out.pieces.length = 0;
  }
}

/** Indentation one level deeper than `indent` (two spaces), made once per depth. */
const deeperIndents = new Map<string, string>();

function deeper(indent: string): string {
  let inner = deeperIndents.get(indent);
  if (inner === undefined) {
    inner = `${indent}  `;
    if (deeperIndents.size < 1000) deeperIndents.set(indent, inner);
  }
  return inner;
}

/**
 * Writes a mapping's entries at `indent`, each on its own line(s); the first line starts with
 * `firstLine` instead of the indentation (a sequence item's `- `, written by the caller).
 */
function mapping(
  value: Record<string, unknown>,
  indent: string,
  out: Output,
  firstLine = indent,
): void {
  let lead = firstLine;
  for (const name in value) {
    const item = value[name];
    if (item === undefined) continue;
    write(out, lead);
    write(out, key(name));
    entry(':', item, indent, out);
    lead = indent;
  }
}

/** Writes `head` (the `:` after a key, or a `-`) then `item`, nested under `indent`. */
function entry(head: string, item: unknown, indent: string, out: Output): void {
  write(out, head);
  const inner = deeper(indent);
  if (!isCollection(item)) {
    write(out, ' ');
    write(out, scalar(item, inner));
    write(out, '\n');
  } else if (isEmpty(item)) {
    write(out, Array.isArray(item) ? ' []\n' : ' {}\n');
  } else if (Array.isArray(item)) {
    write(out, '\n');
    sequence(item, inner, out);
  } else {
    write(out, '\n');
    mapping(item as Record<string, unknown>, inner, out);
  }
}

/** Writes a sequence's items at `indent`; a mapping item starts on the dash's line. */
function sequence(value: unknown[], indent: string, out: Output): void {
  for (const item of value) {
    write(out, indent);
    if (isCollection(item) && !Array.isArray(item) && !isEmpty(item)) {
      mapping(item as Record<string, unknown>, deeper(indent), out, '- ');
    } else {
      entry('-', item, indent, out);
    }
  }
}

/** Writes a top-level mapping as YAML lines (ending with a newline). */
export function writeYaml(value: Record<string, unknown>): string {
  const out: Output = { text: '', pieces: [] };
  mapping(value, '', out);
  return out.text + out.pieces.join('');
}
