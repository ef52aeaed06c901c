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
const PLAIN = /^[\p{L}][\p{L}\p{M}\p{N} ,.'’“”()!?\-–—/+%]*$/u;

/** Characters that must not appear raw in YAML, or that YAML 1.1 treats as a line break. */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** A lone surrogate code unit (not encodable in UTF-8). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isPlain(text: string): boolean {
  return PLAIN.test(text) && !/\s$/.test(text) && !RESERVED_WORDS.has(text);
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

/** Where YAML is written: one growing string (ropes make appending cheap). */
interface Output {
  text: string;
}

/**
 * Writes a mapping's entries at `indent`, each on its own line(s); the first line starts with
 * `firstLine` instead of the indentation (a sequence item's `- `).
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
    entry(`${lead}${key(name)}:`, item, indent, out);
    lead = indent;
  }
}

/** Writes `head` (a `key:` or `-`) followed by `item`, nested under `indent`. */
function entry(head: string, item: unknown, indent: string, out: Output): void {
  const inner = `${indent}  `;
  if (!isCollection(item)) {
    out.text += `${head} ${scalar(item, inner)}\n`;
  } else if (isEmpty(item)) {
    out.text += `${head} ${Array.isArray(item) ? '[]' : '{}'}\n`;
  } else if (Array.isArray(item)) {
    out.text += `${head}\n`;
    sequence(item, inner, out);
  } else {
    out.text += `${head}\n`;
    mapping(item as Record<string, unknown>, inner, out);
  }
}

/** Writes a sequence's items at `indent`; a mapping item starts on the dash's line. */
function sequence(value: unknown[], indent: string, out: Output): void {
  for (const item of value) {
    if (isCollection(item) && !Array.isArray(item) && !isEmpty(item)) {
      mapping(item as Record<string, unknown>, `${indent}  `, out, `${indent}- `);
    } else {
      entry(`${indent}-`, item, indent, out);
    }
  }
}

/** Writes a top-level mapping as YAML lines (ending with a newline). */
export function writeYaml(value: Record<string, unknown>): string {
  const out: Output = { text: '' };
  mapping(value, '', out);
  return out.text;
}
