import type { SafeConfig, State, Unsafe } from 'mdast-util-to-markdown';

/*
 * mdast-util-to-markdown's escaper (`state.safe`) runs every one of its ~95 unsafe patterns
 * (CommonMark's, GFM's and the export's) over each string it escapes: about 10 µs a call however
 * short the string, and an export makes thousands of calls (one per run of a block, several per
 * footnote). Most patterns cannot match: they are for constructs that are not open (the escaper
 * checks and skips those one by one), or they need a character that is nowhere in the string and
 * its context (a pattern is a regex that matches its `character` literally, after its `before`
 * and before its `after`, and after a line ending when `atBreak`). Of the rest, most match only
 * in the context, which the escaper leaves alone. When no pattern matches inside the string, the
 * escaper returns it as it is (backslashes aside), and the filter returns it without the call;
 * otherwise it calls the escaper with the patterns that can match: the same escaper, the same
 * output.
 */

/**
 * `before` and `after` sources whose every match holds one of these characters. Any other
 * source (`[\-.\w]`, `(?:[\r\n]|$)`, ...) is taken to need nothing, which keeps the pattern.
 */
const CONTEXT_NEEDS: Readonly<Record<string, string>> = {
  '[\\r\\n]': '\r\n',
  '\\r': '\r',
  '\\n': '\n',
  '\\[': '[',
  '\\]': ']',
  '\\{': '{',
  '\\/': '/',
  '(?==)': '=',
  '(?<==)': '=',
  '[Ww]': 'Ww',
  '[Ww]{3}': 'Ww',
  '[ps]': 'ps',
  '\\d+': '0123456789',
  '-': '-',
  '~': '~',
};

/** What an `atBreak` pattern's regex starts with (`[\r\n][\t ]*`) needs. */
const LINE_ENDING = '\r\n';

/**
 * The characters a pattern needs, as groups of code units: a match holds at least one unit of
 * every group. The pattern's own character is one group (a multi-character or empty one: none).
 */
function patternNeeds(pattern: Unsafe): number[][] {
  const groups: string[] = [];
  if (pattern.character.length === 1) groups.push(pattern.character);
  if (pattern.atBreak) groups.push(LINE_ENDING);
  for (const source of [pattern.before, pattern.after]) {
    const needs = typeof source === 'string' ? CONTEXT_NEEDS[source] : undefined;
    if (needs !== undefined) groups.push(needs);
  }
  return groups.map((group) => [...group].map((unit) => unit.charCodeAt(0)));
}

/** A pattern of one serializer run, what its matches need, and its regex for a probe. */
interface Candidate {
  pattern: Unsafe;
  needs: number[][];
  /**
   * A copy of the escaper's own regex for the pattern (so probing leaves its `lastIndex`
   * alone); undefined for a pattern tied to a neighbouring node, which the escaper matches
   * against part of the text only: that one always goes to the escaper.
   */
  probe: RegExp | undefined;
  /** Whether a match starts with what comes before the character (the regex's group 1). */
  lead: boolean;
}

/**
 * Whether the escaper's matching of `candidate` over `whole` finds its character inside
 * `[from, to)`, the value itself: it walks the matches just as the escaper does, and the escaper
 * ignores matches in the context around the value (they only tell it what is around).
 */
function matchesInside(candidate: Candidate, whole: string, from: number, to: number): boolean {
  const probe = candidate.probe as RegExp;
  probe.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = probe.exec(whole))) {
    // An empty match cannot happen (every match holds its character): leave it to the escaper.
    if (match[0] === '') {
      probe.lastIndex = 0;
      return true;
    }
    const position = match.index + (candidate.lead ? (match[1] as string).length : 0);
    if (position >= from && position < to) {
      probe.lastIndex = 0;
      return true;
    }
  }
  return false;
}

/** Which ASCII code units the text of one call holds: `seen[code] === stamp`. */
const seen = new Uint32Array(128);
let stamp = 0;

function markSeen(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) seen[code] = stamp;
  }
}

/** Whether the text of this call (`texts`, as last marked) holds every group of `needs`. */
function holdsNeeds(needs: readonly number[][], texts: readonly string[]): boolean {
  for (const group of needs) {
    let held = false;
    for (const code of group) {
      held =
        code < 128
          ? seen[code] === stamp
          : texts.some((text) => text.includes(String.fromCharCode(code)));
      if (held) break;
    }
    if (!held) return false;
  }
  return true;
}

/** Whether any construct of `list` is open, as the escaper decides it (`none` for no list). */
function listInScope(
  stack: readonly string[],
  list: Unsafe['inConstruct'],
  none: boolean,
): boolean {
  if (list === undefined || list === null) return none;
  if (typeof list === 'string') return stack.includes(list);
  return list.length === 0 ? none : list.some((name) => stack.includes(name));
}

/** Whether the escaper applies `pattern` inside the constructs of `stack` (as it checks). */
function inScope(stack: readonly string[], pattern: Unsafe): boolean {
  return (
    listInScope(stack, pattern.inConstruct, true) &&
    !listInScope(stack, pattern.notInConstruct, false)
  );
}

/**
 * Candidates by pattern: the patterns are the same objects from one export to the next (the
 * serializer options are built once), so each regex is copied once.
 */
const candidateCache = new WeakMap<Unsafe, Candidate>();

function candidateFor(pattern: Unsafe, state: State): Candidate {
  let candidate = candidateCache.get(pattern);
  if (candidate === undefined) {
    const compiled = state.compilePattern(pattern);
    candidate = {
      pattern,
      needs: patternNeeds(pattern),
      probe:
        pattern.beforeNode || pattern.afterNode
          ? undefined
          : new RegExp(compiled.source, compiled.flags),
      lead: Boolean(pattern.before || pattern.atBreak),
    };
    candidateCache.set(pattern, candidate);
  }
  return candidate;
}

const installed = new WeakSet<State>();

/**
 * Makes `state.safe` skip the escaper, or call it with fewer patterns, wherever that cannot
 * change its output (see above). Patterns out of scope are dropped, then those missing a
 * character they need; the rest go to the escaper (context matches still tell it what is
 * around) unless none finds its character inside the value and there is no backslash in the
 * value or after it (the escaper doubles one before punctuation): then the value is returned as
 * it is. The escaper reads `state.unsafe` and calls no handler, so swapping the list for one
 * call is sound; should anything replace `state.unsafe` later, the full escaper runs unchanged.
 */
export function filterUnsafePatterns(state: State): void {
  if (installed.has(state)) return;
  installed.add(state);
  const escape = state.safe;
  const all = state.unsafe;
  const candidates = all.map((pattern) => candidateFor(pattern, state));
  /** The candidates in scope, per stack of constructs (construct names hold no comma). */
  const byStack = new Map<string, Candidate[]>();

  state.safe = (value: string | null | undefined, config: SafeConfig): string => {
    if (state.unsafe !== all) return escape.call(state, value, config);
    const key = state.stack.join(',');
    let scoped = byStack.get(key);
    if (scoped === undefined) {
      const stack = [...state.stack];
      scoped = candidates.filter((candidate) => inScope(stack, candidate.pattern));
      byStack.set(key, scoped);
    }
    const input = value || '';
    const before = config.before || '';
    const after = config.after || '';
    const texts = [before, input, after];
    stamp = stamp === 0xffffffff ? 1 : stamp + 1;
    if (stamp === 1) seen.fill(0);
    for (const text of texts) markSeen(text);

    // Every pattern that may match goes to the escaper, context matches included (they tell it
    // what is around); the call is only skipped when none matches inside the value.
    const possible: Unsafe[] = [];
    let inside = false;
    let whole: string | undefined;
    for (const candidate of scoped) {
      if (!holdsNeeds(candidate.needs, texts)) continue;
      possible.push(candidate.pattern);
      // A match is inside the value only if the character it escapes is.
      const { character } = candidate.pattern;
      if (inside || (character.length === 1 && !input.includes(character))) continue;
      if (candidate.probe === undefined) {
        inside = true;
      } else {
        whole ??= before + input + after;
        inside = matchesInside(candidate, whole, before.length, before.length + input.length);
      }
    }
    if (!inside && !input.includes('\\') && !after.includes('\\')) return input;
    state.unsafe = possible;
    try {
      return escape.call(state, value, config);
    } finally {
      state.unsafe = all;
    }
  };
}
