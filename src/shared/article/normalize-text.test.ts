import { describe, expect, it } from 'vitest';
import { normalizeArticleText } from './normalize-text';

describe('normalizeArticleText', () => {
  it('strips a leading byte-order mark and only a leading one', () => {
    expect(normalizeArticleText('\uFEFFHeadline')).toBe('Headline');
    expect(normalizeArticleText('a\uFEFFb')).toBe('a\uFEFFb');
  });

  it('turns CRLF and lone CR line ends into LF without doubling breaks', () => {
    expect(normalizeArticleText('one\r\ntwo\r\n\r\nthree\rfour\r\r')).toBe(
      'one\ntwo\n\nthree\nfour\n\n',
    );
  });

  it('composes to NFC so offsets count one unit per accented letter', () => {
    const normalized = normalizeArticleText('Caf\u0065\u0301 cre\u0300me');
    expect(normalized).toBe('Café crème');
    expect(normalized).toHaveLength(10);
    expect(normalizeArticleText('e\u0301')).toBe('\u00e9');
  });

  it('keeps every other character, curly quotes included, exactly', () => {
    const text = '“Can a zealous Iranian do what the US wants?” he asked.\n\tIran’s — ok';
    expect(normalizeArticleText(text)).toBe(text);
  });
});
