/**
 * Converts UTF-16 offsets into a text to Unicode code point offsets (what W3C selectors count).
 * Built once per text in O(n); each conversion is a binary search over the text's astral
 * characters, so converting every annotation of a long article stays cheap.
 */
export function codePointOffsets(text: string): (utf16Offset: number) => number {
  // UTF-16 index of the low surrogate of every well-formed surrogate pair, ascending.
  const lowSurrogates: number[] = [];
  for (let index = 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff) {
      const previous = text.charCodeAt(index - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) lowSurrogates.push(index);
    }
  }
  return (utf16Offset) => {
    // Each pair wholly before the offset counts one code unit too many.
    let low = 0;
    let high = lowSurrogates.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((lowSurrogates[middle] as number) < utf16Offset) low = middle + 1;
      else high = middle;
    }
    return utf16Offset - low;
  };
}
