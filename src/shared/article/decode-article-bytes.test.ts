import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../api/contract';
import { ApiFailure } from '../api/result';
import { decodeArticleBytes, firstInvalidUtf8Byte } from './decode-article-bytes';

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : part)));

/** The refusal `decode` throws: an invalid-input ApiFailure; its message is returned. */
function refusal(decode: () => unknown): string {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiFailure);
    expect((error as ApiFailure).code).toBe('invalid-input');
    return (error as ApiFailure).message;
  }
  throw new Error('expected a refusal');
}

describe('decodeArticleBytes normalises once', () => {
  it('strips a BOM, turns CRLF and lone CR into LF and composes to NFC', () => {
    const text = decodeArticleBytes(
      'a.txt',
      bytesOf([0xef, 0xbb, 0xbf], 'Cafe\u0301\r\nline\rend'),
    );
    expect(text).toBe('Caf\u00e9\nline\nend');
  });

  it('reads UTF-16 files that announce themselves with a BOM', () => {
    const le = new Uint8Array([
      0xff, 0xfe, 0x48, 0x00, 0x69, 0x00, 0x0d, 0x00, 0x0a, 0x00, 0xe9, 0x00,
    ]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69]);
    expect(decodeArticleBytes('le.txt', le)).toBe('Hi\n\u00e9');
    expect(decodeArticleBytes('be.txt', be)).toBe('Hi');
  });
});

describe('decodeArticleBytes refuses, naming the file', () => {
  it('refuses an empty file, and one holding only a BOM', () => {
    expect(refusal(() => decodeArticleBytes('empty.txt', new Uint8Array()))).toBe(
      'empty.txt is empty',
    );
    expect(refusal(() => decodeArticleBytes('bom.md', bytesOf([0xef, 0xbb, 0xbf])))).toBe(
      'bom.md is empty',
    );
  });

  it('refuses files over 20 MB with their size, and accepts exactly 20 MB', () => {
    const big = new Uint8Array(Math.round(23.4 * 1024 * 1024)).fill(0x61);
    expect(refusal(() => decodeArticleBytes('big.html', big))).toBe(
      'big.html is 23.4 MB; Factmark imports files up to 20 MB',
    );
    // One byte over must not read as "20.0 MB; … up to 20 MB".
    const justOver = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    expect(refusal(() => decodeArticleBytes('over.txt', justOver))).toBe(
      'over.txt is 20.1 MB; Factmark imports files up to 20 MB',
    );
    expect(decodeArticleBytes('max.txt', justOver.subarray(1))).toHaveLength(MAX_IMPORT_BYTES);
  });

  it('refuses binary files: a NUL byte anywhere, or many control characters', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(refusal(() => decodeArticleBytes('photo.txt', png))).toBe(
      'photo.txt looks like a binary file, not an article',
    );
    const lateNul = bytesOf('A'.repeat(100_000), [0]);
    expect(refusal(() => decodeArticleBytes('late.txt', lateNul))).toMatch(/^late\.txt looks like/);
    const controls = bytesOf('Some text', [1, 2, 3, 4, 5, 6, 7, 8], 'more');
    expect(refusal(() => decodeArticleBytes('ctl.md', controls))).toMatch(/^ctl\.md looks like/);
    const utf16Binary = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00]);
    expect(refusal(() => decodeArticleBytes('u16.txt', utf16Binary))).toMatch(/^u16\.txt looks/);
  });

  it('keeps text with tabs, form feeds and an occasional control character', () => {
    const text = bytesOf('Col\tumn\fpage ', [0x1b], ' ', 'x'.repeat(100));
    expect(decodeArticleBytes('ok.txt', text)).toBe(`Col\tumn\fpage \u001b ${'x'.repeat(100)}`);
  });

  it('refuses invalid UTF-8 with the offset of the first bad sequence', () => {
    // "café " is 6 bytes (é is two), so the stray 0xFF is byte 6, counting from 0.
    expect(refusal(() => decodeArticleBytes('a.txt', bytesOf('café ', [0xff], ' ok')))).toBe(
      'a.txt is not valid UTF-8 (byte 6)',
    );
    // A three-byte lead cut short by ASCII: the sequence starts at its lead byte.
    expect(refusal(() => decodeArticleBytes('b.txt', bytesOf('ab', [0xe2, 0x82], 'c')))).toBe(
      'b.txt is not valid UTF-8 (byte 2)',
    );
    // Truncated at the end of the file.
    expect(refusal(() => decodeArticleBytes('c.txt', bytesOf('abc', [0xf0, 0x9f, 0x98])))).toBe(
      'c.txt is not valid UTF-8 (byte 3)',
    );
  });
});

describe('firstInvalidUtf8Byte', () => {
  it('finds overlong forms, surrogates and values past U+10FFFF', () => {
    expect(firstInvalidUtf8Byte(bytesOf('x', [0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Byte(bytesOf('xy', [0xe0, 0x80, 0x80]))).toBe(2);
    expect(firstInvalidUtf8Byte(bytesOf([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Byte(bytesOf('😀', [0xf4, 0x90, 0x80, 0x80]))).toBe(4);
    expect(firstInvalidUtf8Byte(bytesOf('😀 é ✓'))).toBe(-1);
  });

  it('agrees with the fatal TextDecoder on random bytes, and the prefix before it is valid', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const offset = firstInvalidUtf8Byte(bytes);
        const decoder = () => new TextDecoder('utf-8', { fatal: true });
        let valid = true;
        try {
          decoder().decode(bytes);
        } catch {
          valid = false;
        }
        expect(offset === -1).toBe(valid);
        if (offset !== -1) expect(() => decoder().decode(bytes.subarray(0, offset))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeArticleBytes with a declared charset', () => {
  it('decodes windows-1252 curly quotes, dashes and the euro sign', () => {
    const bytes = bytesOf(
      'He said ',
      [0x93],
      'yes',
      [0x94, 0x20, 0x96, 0x20, 0x80],
      '5 caf',
      [0xe9],
    );
    expect(decodeArticleBytes('w.html', bytes, { declaredCharset: 'windows-1252' })).toBe(
      'He said \u201cyes\u201d \u2013 \u20ac5 caf\u00e9',
    );
    // As in browsers, "iso-8859-1" means windows-1252.
    expect(
      decodeArticleBytes('l.html', bytesOf([0x91, 0x92]), { declaredCharset: 'ISO-8859-1' }),
    ).toBe('\u2018\u2019');
  });

  it('decodes Shift_JIS and names the first bad byte of an invalid file', () => {
    const nihon = new Uint8Array([0x93, 0xfa, 0x96, 0x7b]);
    expect(decodeArticleBytes('j.html', nihon, { declaredCharset: 'shift_jis' })).toBe('日本');
    const bad = new Uint8Array([0x41, 0x42, 0x81, 0x20, 0x43]);
    expect(refusal(() => decodeArticleBytes('j.html', bad, { declaredCharset: 'Shift_JIS' }))).toBe(
      'j.html is not valid Shift_JIS (byte 2)',
    );
  });

  it('lets a UTF-8 BOM override the declaration and ignores unknown labels', () => {
    const bom = bytesOf([0xef, 0xbb, 0xbf], '“ok”');
    expect(decodeArticleBytes('b.html', bom, { declaredCharset: 'windows-1252' })).toBe('“ok”');
    expect(decodeArticleBytes('u.html', bytesOf('“ok”'), { declaredCharset: 'no-such' })).toBe(
      '“ok”',
    );
    expect(
      refusal(() => decodeArticleBytes('x.html', bytesOf([0x93]), { declaredCharset: 'utf-8' })),
    ).toBe('x.html is not valid UTF-8 (byte 0)');
  });
});
