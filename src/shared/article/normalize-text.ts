/**
 * Normalises imported article text: no leading BOM, LF line ends only, Unicode NFC.
 * Run once at import, before any offset exists, so offsets never shift afterwards.
 */
export function normalizeArticleText(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      // CRLF first, then any lone CR (old Mac line ends), so "\r\n" never becomes two breaks.
      .replace(/\r\n?/g, '\n')
      .normalize('NFC')
  );
}
