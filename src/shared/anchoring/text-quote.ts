import type { TextQuote } from '../annotation/annotation-model';

/** How much context either side of a quote is kept to tell copies apart and re-find it. */
export const QUOTE_CONTEXT_LENGTH = 32;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Describes `text[start..end)` as a TextQuoteSelector: the exact text plus up to
 * QUOTE_CONTEXT_LENGTH code units either side, widened by one so no surrogate pair is split.
 */
export function buildTextQuote(text: string, start: number, end: number): TextQuote {
  let prefixStart = Math.max(0, start - QUOTE_CONTEXT_LENGTH);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart))) prefixStart -= 1;
  let suffixEnd = Math.min(text.length, end + QUOTE_CONTEXT_LENGTH);
  if (suffixEnd < text.length && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd += 1;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}
