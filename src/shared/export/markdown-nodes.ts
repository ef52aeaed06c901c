import type { Parent, PhrasingContent } from 'mdast';

/** A highlighted span, written `==text==` (the `mark` syntax of Obsidian, Pandoc and markdown-it). */
export interface Mark extends Parent {
  type: 'mark';
  children: PhrasingContent[];
}

/** One run of a block's text and the footnotes of the claims covering it (none if unmarked). */
export interface MarkedRun {
  text: string;
  /** Footnote labels, outermost claim first; empty for unmarked text. */
  references: string[];
}

/**
 * A whole block's text in footnotes style: `==text==[^1][^2]` per marked run. One node, not a
 * mark per run, so the runs are escaped and the `==` made to open and close in one pass (the
 * serializer's generic emphasis machinery cost most of an export's time).
 */
export interface MarkedText {
  type: 'markedText';
  runs: MarkedRun[];
  /** The block's plain text (what `mdast-util-to-string` and heading layout read). */
  value: string;
}

/** One run of a block's text and, when it is highlighted, the CriticMarkup comments it carries. */
export interface CriticSegment {
  text: string;
  /** Empty for unmarked text; otherwise one comment per claim covering the run. */
  comments: string[];
}

/**
 * A whole block's text in CriticMarkup: `{==text==}{>>comment<<}` per highlighted run. It is one
 * node, not many, so each run can be escaped knowing the raw text on both sides of it.
 */
export interface CriticText {
  type: 'criticText';
  segments: CriticSegment[];
  /** The block's plain text (what `mdast-util-to-string` and heading layout read). */
  value: string;
}

/**
 * A note's Markdown source, written as it is (the footnote's indentation is added around it).
 * Only for source that cannot reach outside its container: see `embedNote`.
 */
export interface NoteSource {
  type: 'noteSource';
  value: string;
}

/**
 * Fixed wording of the export (" — refutes", "Evidence:"), never user text. Wording made only of
 * letters, spaces, dashes and a final colon cannot form Markdown, so it skips the escaper;
 * anything else is escaped like text.
 */
export interface FixedWording {
  type: 'fixedWording';
  value: string;
}

/**
 * The first line of a claim's footnote: `**Verdict**` then the rest (status and summary). One
 * node, so the few distinct verdict labels are escaped once per export, not once per claim.
 */
export interface ClaimHead {
  type: 'claimHead';
  verdict: string;
  rest: string;
}

/** A free-standing CriticMarkup comment, `{>>comment<<}` (used for claims not found in the text). */
export interface CriticComment {
  type: 'criticComment';
  value: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    claimHead: ClaimHead;
    fixedWording: FixedWording;
    markedText: MarkedText;
    mark: Mark;
    criticText: CriticText;
    criticComment: CriticComment;
  }
  interface BlockContentMap {
    noteSource: NoteSource;
  }
  interface RootContentMap {
    claimHead: ClaimHead;
    fixedWording: FixedWording;
    markedText: MarkedText;
    noteSource: NoteSource;
    mark: Mark;
    criticText: CriticText;
    criticComment: CriticComment;
  }
}

declare module 'mdast-util-to-markdown' {
  interface ConstructNameMap {
    mark: 'mark';
  }
}
