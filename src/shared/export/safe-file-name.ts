/** Names Windows reserves for devices, with or without an extension. */
const RESERVED_NAMES = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

/** Characters no common file system accepts in a name, and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;

/** A surrogate code unit that is not part of a pair (not encodable in a file name). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Longest base name kept, in UTF-16 code units; well under the 255-byte limit of most systems. */
const MAX_BASE_LENGTH = 100;

/** The base name used when a title leaves nothing usable. */
const FALLBACK_BASE = 'article';

/**
 * A file name made from an article title that every common file system accepts: forbidden and
 * control characters become spaces, whitespace runs collapse, leading and trailing dots and
 * spaces go, the name is cut (never inside a surrogate pair) to 100 code units, and reserved
 * device names are avoided. `extension` may be given with or without its dot.
 */
export function safeFileName(title: string, extension: string): string {
  let base = title
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (base.length > MAX_BASE_LENGTH) {
    base = base.slice(0, MAX_BASE_LENGTH);
    const last = base.charCodeAt(base.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) base = base.slice(0, -1);
  }
  base = base.replace(/^[\s.]+|[\s.]+$/g, '');
  if (base === '') base = FALLBACK_BASE;
  if (RESERVED_NAMES.test(base)) base = `${base}-`;
  const ext = extension.replace(/^\.+/, '').replace(FORBIDDEN, '').replace(/\s+/g, '');
  return ext === '' ? base : `${base}.${ext}`;
}
