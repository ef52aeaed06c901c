import type { FootnoteDefinition, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { splitFrontMatter } from '../front-matter';
import { markFromMarkdown, markSyntax } from '../mark-syntax';

/**
 * Test support: reads an export back the way a Markdown tool would, to check it.
 *
 * A block's text is read from its node (a heading or a paragraph) by concatenating, in order,
 * the value of every `text` node and the text of every `mark`; footnote references add
 * nothing (they are not article text) and are collected per run; a GFM autolink literal counts
 * as its text (GFM links `a@b.org` in any text, escaped or not, and keeps the text). Any other
 * node where article text should be (emphasis, a link, code, HTML, a hard break...) means
 * escaping failed, and reading throws.
 */

/** A run of a block as read back: marked or not, its text, and the footnotes it references. */
export interface ReadRun {
  marked: boolean;
  text: string;
  /** Footnote identifiers referenced right after this run. */
  refs: string[];
}

/** Parses Markdown as CommonMark + GFM, plus `==mark==` when `withMarks`. */
export function parseMarkdown(markdown: string, withMarks: boolean): Root {
  return fromMarkdown(markdown, {
    extensions: withMarks ? [gfm(), markSyntax()] : [gfm()],
    mdastExtensions: withMarks ? [gfmFromMarkdown(), markFromMarkdown()] : [gfmFromMarkdown()],
  });
}

/** The body of an export (everything after the front matter); throws when there is none. */
export function exportBody(markdown: string): string {
  const split = splitFrontMatter(markdown);
  if (!split) throw new Error('export has no front matter');
  return split.body;
}

/**
 * The text of a GFM autolink literal (`www.x.org`, `https://x.org`, `a@b.org`), or undefined
 * for any other node. GFM finds those in the *text* after parsing, so no escape can stop them;
 * they keep the text exactly, which is what matters here.
 */
function autolinkLiteralText(node: PhrasingContent): string | undefined {
  if (node.type !== 'link' || node.title !== null) return undefined;
  const [only, ...others] = node.children;
  if (!only || others.length > 0 || only.type !== 'text') return undefined;
  const text = only.value;
  const urls = [text, `mailto:${text}`, `http://${text}`];
  return urls.includes(node.url) ? text : undefined;
}

function plainText(children: readonly PhrasingContent[], where: string): string {
  return children
    .map((child) => {
      if (child.type === 'text') return child.value;
      const literal = autolinkLiteralText(child);
      if (literal === undefined) throw new Error(`unexpected ${child.type} inside ${where}`);
      return literal;
    })
    .join('');
}

/** Reads a block node's runs (see the module comment for the rules). */
export function readRuns(node: RootContent): ReadRun[] {
  if (node.type !== 'paragraph' && node.type !== 'heading') {
    throw new Error(`expected a paragraph or heading, found ${node.type}`);
  }
  const runs: ReadRun[] = [];
  for (const child of node.children) {
    const last = runs[runs.length - 1];
    if (child.type === 'footnoteReference') {
      if (!last) throw new Error('a footnote reference starts a block');
      last.refs.push(child.identifier);
    } else if (child.type === 'mark') {
      runs.push({ marked: true, text: plainText(child.children, 'a mark'), refs: [] });
    } else {
      const text = plainText([child], 'a block');
      if (last && !last.marked && last.refs.length === 0) last.text += text;
      else runs.push({ marked: false, text, refs: [] });
    }
  }
  return runs;
}

/** A block's text as read back: its runs' text joined. */
export function runsText(runs: readonly ReadRun[]): string {
  return runs.map((run) => run.text).join('');
}

/** Every footnote definition in a tree, by identifier. */
export function footnoteDefinitions(tree: Root): Map<string, FootnoteDefinition> {
  const definitions = new Map<string, FootnoteDefinition>();
  const visit = (node: Nodes): void => {
    if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return definitions;
}

/** Every footnote reference in a tree, in document order. */
export function footnoteReferences(tree: Root): string[] {
  const references: string[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'footnoteReference') references.push(node.identifier);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return references;
}

/** A paragraph's or heading's text when it must hold text nodes only (the raw GFM view). */
export function textOnly(node: RootContent): string {
  if (node.type !== 'paragraph' && node.type !== 'heading') {
    throw new Error(`expected a paragraph or heading, found ${node.type}`);
  }
  return plainText(node.children, node.type);
}
