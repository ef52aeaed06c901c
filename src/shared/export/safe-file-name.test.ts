import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFileName } from './safe-file-name';

describe('safeFileName', () => {
  it('keeps a readable title and adds the extension', () => {
    expect(safeFileName('Iran’s Supreme Leader rejects talks with US', 'md')).toBe(
      'Iran’s Supreme Leader rejects talks with US.md',
    );
    expect(safeFileName('Claims', '.jsonld')).toBe('Claims.jsonld');
  });

  it('replaces characters file systems refuse and trims what Windows drops', () => {
    expect(safeFileName('  a/b\\c:d*e?f"g<h>i|j\u0007  ', 'md')).toBe('a b c d e f g h i j.md');
    expect(safeFileName('...dots and spaces. ', 'md')).toBe('dots and spaces.md');
  });

  it('avoids device names and empty names', () => {
    expect(safeFileName('CON', 'md')).toBe('CON-.md');
    expect(safeFileName('lpt1', 'txt')).toBe('lpt1-.txt');
    expect(safeFileName(' / ? ', 'md')).toBe('article.md');
  });

  it('cuts long titles without splitting a character', () => {
    const name = safeFileName(`${'a'.repeat(99)}😀 and more`, 'md');
    expect(name).toBe(`${'a'.repeat(99)}.md`);
  });

  it('always gives a short name with only allowed characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.constantFrom('md', '.json', 'jsonld'),
        (title, ext) => {
          const name = safeFileName(title, ext);
          // eslint-disable-next-line no-control-regex
          expect(name).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]/);
          expect(name).not.toMatch(/^[ .]|[ .]\.[a-z]+$/);
          expect(name.length).toBeLessThanOrEqual(108);
          expect(name.endsWith(`.${ext.replace(/^\./, '')}`)).toBe(true);
          expect(name).not.toMatch(
            /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
          );
        },
      ),
    );
  });
});
