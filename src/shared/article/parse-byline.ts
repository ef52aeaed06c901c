/** What a byline says: who wrote the article and when; `published` is YYYY-MM-DD. */
export interface Byline {
  author?: string;
  published?: string;
}

/** Bylines are one short line; anything longer is prose. */
const MAX_BYLINE_LENGTH = 200;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
    (abbr, i) => [abbr, i + 1] as const,
  ),
  ...[
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].map((name, i) => [name, i + 1] as const),
  ['sept', 9],
]);

const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;
const ORDINAL = '(?:st|nd|rd|th)?';
/** "November 27 2022", "Nov. 27, 2022", "Sunday, Sept 4th, 2022". */
const MONTH_DAY_YEAR = new RegExp(
  String.raw`^${WEEKDAY}(\p{L}+)\.?\s+(\d{1,2})${ORDINAL},?\s+(\d{4})(?!\d)`,
  'iu',
);
/** "27 November 2022", "27 Nov. 2022", "27th of November, 2022". */
const DAY_MONTH_YEAR = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})${ORDINAL}\s+(?:of\s+)?(\p{L}+)\.?,?\s+(\d{4})(?!\d)`,
  'iu',
);
/** "2022-11-27", optionally a full ISO timestamp. */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)/;
/** "Published", "Updated on:", "Last updated" before a date. */
const DATE_LEAD = /^(?:(?:last\s+)?(published|posted|updated|modified)(?:\s+on)?\s*:?\s*)?/i;
/** A clock time after a date ("10:04 AM ET", "at 9 p.m."): read past, never used. */
const TIME =
  /^(?:\s*,|\s+at)?\s+(?:\d{1,2}[:.]\d{2}(?:\s*[aApP]\.?[mM]\.?)?|\d{1,2}\s*[aApP]\.?[mM]\.?)(?:\s+(?:[A-Z]{2,5}|(?:UTC|GMT)\s*[+−-]\s*\d{1,2}(?::?\d{2})?)\b)?/;
const CLAUSE_SEPARATOR = /^\s*[|·•—–,;/-]?\s*/;
/** Where a name list may end and a date begin. */
const BOUNDARY = /[\s|·•—–,;-]+/g;

/** Lower-case particles and conjunctions inside a name list ("Ana de la Cruz", "A and B"). */
// prettier-ignore
const NAME_PARTICLES = new Set([
  'and', '&', 'al', 'bin', 'da', 'das', 'de', 'del', 'della', 'den', 'der', 'di', 'dos', 'du',
  'el', 'la', 'le', 'van', 'von', 'y',
]);
/** Lower-case role words that may end a name list ("Jane Doe, staff writer"). */
const ROLE_WORDS = new Set([
  'staff',
  'writer',
  'reporter',
  'correspondent',
  'editor',
  'contributor',
]);
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;

/**
 * Reads a byline ("By Jane Doe | Nov. 27, 2022", "Published 27 Nov 2022 by Jane Doe",
 * "Jane Doe, Reuters · 2022-11-27") into author and ISO date; undefined when the line is not a
 * byline. The date is built from its parsed parts, never through `Date`, so no timezone can
 * move it; an impossible date (Feb 30) leaves `published` unset but still marks a byline.
 */
export function parseByline(line: string): Byline | undefined {
  const text = line.trim();
  if (text === '' || text.length > MAX_BYLINE_LENGTH || text.includes('\n')) return undefined;
  const by = /^by(?:\s*:\s*|\s+)/i.exec(text);
  if (by) return namesThenDates(text.slice(by[0].length), false);
  return datesThenNames(text) ?? namesThenDates(text, true);
}

/** "Jane Doe - Nov 27, 2022"; without a leading "By" the date is what makes it a byline. */
function namesThenDates(text: string, requireDate: boolean): Byline | undefined {
  if (!requireDate && isNameList(text)) return { author: cleanNames(text) };
  for (const boundary of text.matchAll(BOUNDARY)) {
    const names = text.slice(0, boundary.index);
    if (!isNameList(names)) continue;
    const clauses = parseDateClauses(text.slice(boundary.index + boundary[0].length));
    if (clauses) return byline(cleanNames(names), clauses);
  }
  return undefined;
}

/** "Published 27 Nov 2022 by Jane Doe", or a date line on its own. */
function datesThenNames(text: string): Byline | undefined {
  const whole = parseDateClauses(text);
  if (whole) return byline(undefined, whole);
  for (const by of text.matchAll(/\s+by\s+/gi)) {
    const dates = text.slice(0, by.index).replace(/[\s|·•—–,;-]+$/, '');
    const names = text.slice(by.index + by[0].length);
    const clauses = parseDateClauses(dates);
    if (clauses && isNameList(names)) return byline(cleanNames(names), clauses);
  }
  return undefined;
}

interface DateClause {
  /** Undefined when the text has a date's shape but names no real day (Feb 30). */
  iso: string | undefined;
  updated: boolean;
}

/** Parses the whole of `text` as one or more dates ("Published …| Updated …"), or fails. */
function parseDateClauses(text: string): DateClause[] | undefined {
  const clauses: DateClause[] = [];
  let rest = text.trim();
  for (;;) {
    const lead = DATE_LEAD.exec(rest)!;
    rest = rest.slice(lead[0].length);
    const date = matchDate(rest);
    if (!date) return undefined;
    rest = rest.slice(date.length);
    rest = rest.slice(TIME.exec(rest)?.[0].length ?? 0);
    clauses.push({ iso: date.iso, updated: /updated|modified/i.test(lead[1] ?? '') });
    if (rest.trim() === '') return clauses;
    const separator = CLAUSE_SEPARATOR.exec(rest)![0];
    if (separator === '') return undefined;
    rest = rest.slice(separator.length);
  }
}

/** A date at the start of `text`: its length and ISO form; undefined when none starts there. */
function matchDate(text: string): { length: number; iso: string | undefined } | undefined {
  const mdy = MONTH_DAY_YEAR.exec(text);
  const mdyMonth = mdy && MONTHS.get(mdy[1]!.toLowerCase());
  if (mdy && mdyMonth) {
    return { length: mdy[0].length, iso: isoDate(Number(mdy[3]), mdyMonth, Number(mdy[2])) };
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  const dmyMonth = dmy && MONTHS.get(dmy[2]!.toLowerCase());
  if (dmy && dmyMonth) {
    return { length: dmy[0].length, iso: isoDate(Number(dmy[3]), dmyMonth, Number(dmy[1])) };
  }
  const iso = ISO_DATE.exec(text);
  if (iso) {
    return { length: iso[0].length, iso: isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) };
  }
  return undefined;
}

/** YYYY-MM-DD for a real calendar day, else undefined. */
function isoDate(year: number, month: number, day: number): string | undefined {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Whether `text` reads as a list of names ("Jane Doe and John Roe", "News Desk, Reuters"). */
function isNameList(text: string): boolean {
  const words = text
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/,$/, ''));
  if (words.length === 0 || words.length > 12) return false;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  // A name list starts with a name and ends with a name or a role, never a particle.
  if (!NAME_WORD.test(first) || !(NAME_WORD.test(last) || ROLE_WORDS.has(last))) return false;
  // A long word ending in a full stop ends a sentence ("By Tuesday."); "Jr." and "J." do not.
  if (last.endsWith('.') && last.length > 4) return false;
  return words.every(
    (word) => NAME_WORD.test(word) || NAME_PARTICLES.has(word) || ROLE_WORDS.has(word),
  );
}

function cleanNames(text: string): string {
  return text
    .trim()
    .replace(/[\s,;:]+$/, '')
    .replace(/\s+/g, ' ');
}

/** Prefers the published date to an "Updated" one; the first real date otherwise. */
function byline(author: string | undefined, clauses: readonly DateClause[]): Byline {
  const published =
    clauses.find((clause) => clause.iso && !clause.updated)?.iso ??
    clauses.find((clause) => clause.iso)?.iso;
  return {
    ...(author !== undefined && { author }),
    ...(published !== undefined && { published }),
  };
}
