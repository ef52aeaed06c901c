import { MAX_IMPORT_BYTES } from '../api/contract';
import { ApiFailure } from '../api/result';
import { normalizeArticleText } from './normalize-text';

/** How an article file's bytes are to be read. */
export interface DecodeOptions {
  /** A charset the file declares for itself (an HTML `<meta charset>`), as a WHATWG label. */
  declaredCharset?: string;
}

/** The binary check samples this many leading bytes; a text file shows its nature early. */
const BINARY_SAMPLE_BYTES = 64 * 1024;
/** More than this share of control characters in the sample marks a file as binary. */
const MAX_CONTROL_SHARE = 0.05;

const UTF8_LABELS = new Set([
  'utf-8',
  'utf8',
  'unicode-1-1-utf-8',
  'unicode11utf8',
  'unicode20utf8',
]);

/**
 * Decodes an imported file's bytes into normalised article text (no BOM, LF line ends, NFC),
 * strictly: empty, oversized, binary and undecodable files are refused with an `invalid-input`
 * ApiFailure whose message names the file, so a bad import changes nothing. Bytes are UTF-8
 * unless a UTF-16 BOM says otherwise or the file declares a legacy charset; a UTF-8 BOM wins
 * over a declaration, as it does in browsers. Byte offsets in messages count from 0.
 */
export function decodeArticleBytes(
  fileName: string,
  bytes: Uint8Array,
  options: DecodeOptions = {},
): string {
  if (bytes.length === 0) throw refusal(`${fileName} is empty`);
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw refusal(
      `${fileName} is ${megabytes(bytes.length)} MB; Factmark imports files up to 20 MB`,
    );
  }
  const text = decode(fileName, bytes, options.declaredCharset);
  if (text.replace(/^\uFEFF/, '') === '') throw refusal(`${fileName} is empty`);
  return normalizeArticleText(text);
}

function decode(fileName: string, bytes: Uint8Array, declaredCharset: string | undefined): string {
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    // UTF-16 text is full of NUL bytes, so the binary check runs on its characters instead.
    const text = decodeStrictly(fileName, bytes, utf16, 'UTF-16');
    if (looksBinary(Array.from(text.slice(0, BINARY_SAMPLE_BYTES), (c) => c.charCodeAt(0)))) {
      throw binaryRefusal(fileName);
    }
    return text;
  }
  if (bytes.includes(0) || looksBinary(bytes.subarray(0, BINARY_SAMPLE_BYTES))) {
    throw binaryRefusal(fileName);
  }
  const legacy = legacyEncoding(bytes, declaredCharset);
  if (legacy) return decodeStrictly(fileName, bytes, legacy, declaredCharset!.trim());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refusal(`${fileName} is not valid UTF-8 (byte ${firstInvalidUtf8Byte(bytes)})`);
  }
}

/** The UTF-16 encoding a byte order mark announces, if any. */
function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The WHATWG encoding a declared charset names, when it is a legacy one this runtime can decode.
 * A UTF-8 BOM overrides any declaration; a UTF-16 declaration in an ASCII-compatible file is
 * read as UTF-8 and an unknown label is ignored, both as browsers do.
 */
function legacyEncoding(
  bytes: Uint8Array,
  declaredCharset: string | undefined,
): string | undefined {
  const label = declaredCharset?.trim().toLowerCase();
  if (!label || UTF8_LABELS.has(label)) return undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return undefined;
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
  return encoding === 'utf-8' || encoding.startsWith('utf-16') ? undefined : encoding;
}

function decodeStrictly(
  fileName: string,
  bytes: Uint8Array,
  encoding: string,
  charsetName: string,
): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw refusal(
      `${fileName} is not valid ${charsetName} (byte ${firstUndecodableByte(bytes, encoding)})`,
    );
  }
}

/**
 * WHATWG windows-1252 (also what "iso-8859-1", "latin1" and "us-ascii" labels mean) for
 * 0x80-0x9F; other bytes are their own code points. Node 20's TextDecoder decodes this
 * encoding as ISO-8859-1, turning curly quotes into C1 controls, so the table is ours.
 */
// prettier-ignore
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
  0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Every byte decodes in windows-1252, so this never fails. */
function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  // Chunked so a 20 MB file never builds one giant argument list.
  for (let start = 0; start < bytes.length; start += 8192) {
    const units = Array.from(bytes.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : byte,
    );
    chunks.push(String.fromCharCode(...units));
  }
  return chunks.join('');
}

/** Control characters other than tab, line feed, form feed and carriage return. */
function isControl(unit: number): boolean {
  return (
    (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0c && unit !== 0x0d) ||
    unit === 0x7f
  );
}

/** Whether code units (bytes or UTF-16 units) hold NULs or more control characters than text does. */
function looksBinary(units: ArrayLike<number>): boolean {
  let controls = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (unit === 0) return true;
    if (isControl(unit)) controls++;
  }
  return controls > units.length * MAX_CONTROL_SHARE;
}

/**
 * The offset of the first byte of the first ill-formed UTF-8 sequence (a stray continuation
 * byte, an overlong form, a surrogate, a value past U+10FFFF, or a sequence cut short),
 * following the ranges of Unicode's table 3-7; -1 when the bytes are well formed.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const ranges = continuationRanges(lead);
    if (!ranges) return i;
    for (const [index, [min, max]] of ranges.entries()) {
      const byte = bytes[i + 1 + index];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += 1 + ranges.length;
  }
  return -1;
}

const TAIL: [number, number] = [0x80, 0xbf];

/** The allowed range of each continuation byte after a lead byte; undefined for a bad lead. */
function continuationRanges(lead: number): [number, number][] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [TAIL];
  if (lead === 0xe0) return [[0xa0, 0xbf], TAIL];
  if (lead === 0xed) return [[0x80, 0x9f], TAIL];
  if (lead >= 0xe1 && lead <= 0xef) return [TAIL, TAIL];
  if (lead === 0xf0) return [[0x90, 0xbf], TAIL, TAIL];
  if (lead >= 0xf1 && lead <= 0xf3) return [TAIL, TAIL, TAIL];
  if (lead === 0xf4) return [[0x80, 0x8f], TAIL, TAIL];
  return undefined;
}

/**
 * The offset of the first byte of the first sequence `encoding` cannot decode. A binary search
 * over prefixes (failure is monotonic when streaming) finds the byte that reveals the error;
 * the bad sequence starts at the longest complete, valid prefix just before it.
 */
function firstUndecodableByte(bytes: Uint8Array, encoding: string): number {
  const decodes = (length: number, stream: boolean) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, length), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (decodes(middle, middle < bytes.length)) low = middle + 1;
    else high = middle;
  }
  const revealing = low - 1;
  // Multi-byte sequences in legacy encodings are short; look back a few bytes at most.
  for (let start = revealing; start >= Math.max(0, revealing - 8); start--) {
    if (decodes(start, false)) return start;
  }
  return revealing;
}

/** Size in MB (MiB, as the 20 MB limit is) to one decimal, rounded up so 20 MB + 1 byte reads 20.1. */
function megabytes(size: number): string {
  return (Math.ceil((size / (1024 * 1024)) * 10) / 10).toFixed(1);
}

function binaryRefusal(fileName: string): ApiFailure {
  return refusal(`${fileName} looks like a binary file, not an article`);
}

function refusal(message: string): ApiFailure {
  return new ApiFailure('invalid-input', message);
}
