/** Unicode whitespace, as micromark tests it (one UTF-16 code unit at a time). */
const WHITESPACE = /\s/;
/** Unicode punctuation and symbols, as micromark tests it. */
const PUNCTUATION = /\p{P}|\p{S}/u;

/**
 * How CommonMark sees a character next to an emphasis-like delimiter (`*`, `~~`, `==`):
 * 1 for whitespace (or no character: the start or end of a line), 2 for punctuation,
 * undefined for anything else. The same rule as micromark's `classifyCharacter`, taking a
 * UTF-16 code unit (NaN for none).
 */
export function classifyCharacter(code: number | null): 1 | 2 | undefined {
  if (code === null || Number.isNaN(code) || code < 0) return 1;
  return code < 128 ? (ASCII_KINDS[code] as 1 | 2 | undefined) : classifyByRegex(code);
}

function classifyByRegex(code: number): 1 | 2 | undefined {
  const character = String.fromCharCode(code);
  if (code === 32 || WHITESPACE.test(character)) return 1;
  if (PUNCTUATION.test(character)) return 2;
  return undefined;
}

/** `classifyCharacter` of each ASCII code unit, worked out once (delimiters ask thousands of times). */
const ASCII_KINDS = Array.from({ length: 128 }, (_, code) => classifyByRegex(code));

/** A numeric character reference for a code point, as mdast-util-to-markdown writes them. */
export function characterReference(codePoint: number): string {
  return `&#x${codePoint.toString(16).toUpperCase()};`;
}

/** Replaces the first character of escaped text with a character reference. */
export function encodeFirst(value: string): string {
  const code = value.codePointAt(0) as number;
  return characterReference(code) + value.slice(code > 0xffff ? 2 : 1);
}

/**
 * Replaces the last character of escaped text with a character reference; an odd run of
 * backslashes before it would escape the `&`, so one more is added.
 */
export function encodeLast(value: string): string {
  const code = value.charCodeAt(value.length - 1);
  const width = code >= 0xdc00 && code <= 0xdfff && value.length > 1 ? 2 : 1;
  let rest = value.slice(0, -width);
  let backslashes = 0;
  while (rest.charCodeAt(rest.length - 1 - backslashes) === 92) backslashes++;
  if (backslashes % 2 === 1) rest += '\\';
  return rest + characterReference(value.codePointAt(value.length - width) as number);
}

/**
 * Which side of an `==` or `**` delimiter needs a character reference so that it opens (or
 * closes), by CommonMark's flanking rules for `*`-like markers: the same decisions
 * mdast-util-to-markdown makes for emphasis. `outside` and `inside` are the UTF-16 code units
 * either side.
 */
export function delimiterEncoding(
  outside: number,
  inside: number,
): { inside: boolean; outside: boolean } {
  const outsideKind = classifyCharacter(outside);
  const insideKind = classifyCharacter(inside);
  if (insideKind !== 1)
    return { inside: false, outside: outsideKind === undefined && insideKind === 2 };
  // Whitespace inside never flanks: encode it, and a letter or space outside too.
  return { inside: true, outside: outsideKind !== 2 };
}
