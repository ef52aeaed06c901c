/** Sizes and repetitions of one benchmark run. */
export interface BenchConfig {
  quick: boolean;
  /** The repository root (where out/ and resources/ are). */
  root: string;
  /** The long article: words and highlights (issue 7: 20,000 and 1,000). */
  longWords: number;
  highlights: number;
  /** The many-article library of the save scenario (issue 7: 1,000 articles of 2,000 words). */
  libraryArticles: number;
  libraryWords: number;
  /** The re-anchoring workload (issue 7: 100,000 characters, 1,000 annotations, 50 edits). */
  reanchor: { seed: number; textLength: number; annotationCount: number; editCount: number };
  /** Where to write Chrome CPU profiles of the reader interactions (`--profile DIR`), if anywhere. */
  profileDir?: string;
  /** Characters typed into a note while watching for long frames. */
  typedChars: number;
  runs: {
    open: number;
    create: number;
    save: number;
    lowdb: number;
    reanchor: number;
    export: number;
    coldStart: number;
  };
}

/** Issue 7's sizes, several runs each. */
export function fullConfig(root: string): BenchConfig {
  return {
    quick: false,
    root,
    longWords: 20_000,
    highlights: 1_000,
    libraryArticles: 1_000,
    libraryWords: 2_000,
    reanchor: { seed: 1, textLength: 100_000, annotationCount: 1_000, editCount: 50 },
    typedChars: 60,
    runs: { open: 7, create: 15, save: 60, lowdb: 12, reanchor: 9, export: 9, coldStart: 5 },
  };
}

/** Every scenario at a small size: keeps the harness working inside `npm test` (< 1 minute). */
export function quickConfig(root: string): BenchConfig {
  return {
    quick: true,
    root,
    longWords: 2_000,
    highlights: 100,
    libraryArticles: 40,
    libraryWords: 2_000,
    reanchor: { seed: 1, textLength: 20_000, annotationCount: 200, editCount: 10 },
    typedChars: 12,
    runs: { open: 3, create: 3, save: 15, lowdb: 4, reanchor: 3, export: 3, coldStart: 2 },
  };
}
