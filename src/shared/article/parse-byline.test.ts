import { describe, expect, it } from 'vitest';
import { parseByline } from './parse-byline';

describe('parseByline', () => {
  it.each([
    ['By News Desk - November 27 2022', { author: 'News Desk', published: '2022-11-27' }],
    ['By Jane Doe | Nov. 27, 2022', { author: 'Jane Doe', published: '2022-11-27' }],
    [
      'By Jane Doe and John Roe, 27 November 2022',
      { author: 'Jane Doe and John Roe', published: '2022-11-27' },
    ],
    ['By JANE DOE', { author: 'JANE DOE' }],
    ['BY: Jane Doe', { author: 'Jane Doe' }],
    ['Jane Doe, Reuters · 2022-11-27', { author: 'Jane Doe, Reuters', published: '2022-11-27' }],
    ['Published 27 Nov 2022 by Jane Doe', { author: 'Jane Doe', published: '2022-11-27' }],
    [
      'By Jane Doe — Updated Nov 27, 2022 10:04 AM',
      { author: 'Jane Doe', published: '2022-11-27' },
    ],
    ['By Jane Doe, Sept. 4, 2022', { author: 'Jane Doe', published: '2022-09-04' }],
    ['By Jane Doe – Sept 4th, 2022', { author: 'Jane Doe', published: '2022-09-04' }],
    ['By Jane Doe | 4 SEPTEMBER 2022', { author: 'Jane Doe', published: '2022-09-04' }],
    [
      'By Ana de la Cruz, staff writer | Sunday, March 5, 2023',
      { author: 'Ana de la Cruz, staff writer', published: '2023-03-05' },
    ],
    ['Sunday, November 27, 2022', { published: '2022-11-27' }],
    ['Published: 2022-11-27T10:04:00Z', { published: '2022-11-27' }],
    // The published date wins over a later "Updated" one.
    [
      'By Jane Doe | Published Nov 26, 2022 | Updated Nov 27, 2022 10:04 a.m. ET',
      { author: 'Jane Doe', published: '2022-11-26' },
    ],
    [
      'By Jane Doe | Updated Nov 28, 2022 | Published Nov 26, 2022',
      { author: 'Jane Doe', published: '2022-11-26' },
    ],
    ['  By Jane Doe  ', { author: 'Jane Doe' }],
  ])('reads %j', (line, expected) => {
    expect(parseByline(line)).toEqual(expected);
  });

  it('builds the date from its parts, so no timezone can shift it to the day before', () => {
    expect(parseByline('By Jane Doe | Jan. 1, 2023')?.published).toBe('2023-01-01');
    expect(parseByline('By Jane Doe | 31 December 1999')?.published).toBe('1999-12-31');
  });

  it('keeps the byline but leaves out a date that names no real day', () => {
    expect(parseByline('By Jane Doe | Feb 30, 2022')).toEqual({ author: 'Jane Doe' });
    expect(parseByline('By Jane Doe | Feb 29, 2023')).toEqual({ author: 'Jane Doe' });
    expect(parseByline('By Jane Doe | Feb 29, 2024')).toEqual({
      author: 'Jane Doe',
      published: '2024-02-29',
    });
    expect(parseByline('By Jane Doe | 1900-02-29')).toEqual({ author: 'Jane Doe' });
    expect(parseByline('By Jane Doe | 2000-02-29')?.published).toBe('2000-02-29');
    expect(parseByline('By Jane Doe | 2022-13-01')).toEqual({ author: 'Jane Doe' });
  });

  it.each([
    '',
    'Iran’s Supreme Leader rejects talks with US',
    'By the end of the year, prices had doubled.',
    'By Tuesday, officials said the talks had failed.',
    'By November 27, the ceasefire had collapsed.',
    'Bystanders said nothing.',
    'Ayatollah Ali Khamenei referred to the words of US General Wesley Clark in 2003, who said the US had plans to take out seven countries in five years, the last being Iran',
    'FILE PHOTO: Iranian Supreme Leader Ayatollah Ali Khamenei delivers a televised speech in Tehran, Iran, January 8, 2021.',
    'Most Popular',
    'Jane Doe, Reuters',
    'Smarch 27, 2022',
    `By ${'Jane Doe '.repeat(30)}`,
  ])('rejects %j', (line) => {
    expect(parseByline(line)).toBeUndefined();
  });
});
