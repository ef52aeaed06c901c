/**
 * Mapping between DOM positions in the rendered article and offsets into its canonical text.
 * Each block element carries `data-start` (its offset) and holds only the block's text, split
 * into highlight marks, so a point's offset is the block's start plus the text before it.
 */

const BLOCK_SELECTOR = '[data-block-index]';

function blockStart(block: Element): number {
  return Number(block.getAttribute('data-start'));
}

/** The canonical-text offset of a DOM point inside `article`, or null when it is outside. */
export function offsetOfPoint(article: HTMLElement, node: Node, offset: number): number | null {
  if (!article.contains(node)) return null;
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const block = element?.closest(BLOCK_SELECTOR);
  if (block && article.contains(block)) {
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEnd(node, offset);
    return blockStart(block) + before.toString().length;
  }
  // A point between blocks (on the article element itself): the start of the next block,
  // or the end of the last one.
  const blocks = [...article.querySelectorAll(BLOCK_SELECTOR)];
  const point = document.createRange();
  point.setStart(node, offset);
  for (const candidate of blocks) {
    if (point.comparePoint(candidate, 0) >= 0) return blockStart(candidate);
  }
  const last = blocks.at(-1);
  return last ? blockStart(last) + (last.textContent ?? '').length : null;
}

/** The selection inside `article` as canonical offsets `[start, end)`, or null. */
export function selectionOffsets(article: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!article.contains(range.commonAncestorContainer)) return null;
  const start = offsetOfPoint(article, range.startContainer, range.startOffset);
  const end = offsetOfPoint(article, range.endContainer, range.endOffset);
  if (start === null || end === null || start === end) return null;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/** Puts a collapsed caret at the start of the first block that may be highlighted. */
export function placeCaretAtStart(article: HTMLElement): void {
  const first = article.querySelector(`${BLOCK_SELECTOR}:not([data-annotatable="false"])`);
  const walker = first && document.createTreeWalker(first, NodeFilter.SHOW_TEXT);
  const text = walker?.nextNode();
  if (!text) return;
  window.getSelection()?.collapse(text, 0);
}

/** Where the reading pane's blocks start in the canonical text, in block order. */
export type BlockStarts = readonly number[];

/** The index of the block holding canonical offset `offset` (the last block starting at or before it). */
export function blockIndexOf(starts: BlockStarts, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Block `index`'s element: the article's children are its blocks, in order. */
function blockElement(article: HTMLElement, index: number): Element | null {
  const child = article.children[index];
  if (child?.getAttribute('data-block-index') === String(index)) return child;
  return article.querySelector(`${BLOCK_SELECTOR}[data-block-index="${index}"]`);
}

/** The text node and offset in it of canonical offset `offset` (within one block), or null. */
function textPoint(
  article: HTMLElement,
  starts: BlockStarts,
  offset: number,
): { node: Text; at: number } | null {
  const index = blockIndexOf(starts, offset);
  const block = blockElement(article, index);
  if (!block) return null;
  let remaining = offset - (starts[index] ?? 0);
  // A block is one text node, or several when highlight marks split it.
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (remaining < node.length) return { node, at: remaining };
    remaining -= node.length;
  }
  return null;
}

/**
 * One live range reused for every measurement: live ranges stay registered with the document
 * (and are updated on each DOM change) until collected, so making one per measurement adds up.
 */
let probe: Range | undefined;

/** The viewport top of the line holding canonical offset `offset`, or null if not rendered. */
export function offsetTop(
  article: HTMLElement,
  starts: BlockStarts,
  offset: number,
): number | null {
  const point = textPoint(article, starts, offset);
  if (!point) return null;
  probe ??= document.createRange();
  probe.setStart(point.node, point.at);
  probe.setEnd(point.node, point.at + 1);
  return (probe.getClientRects()[0] ?? probe.getBoundingClientRect()).top;
}

/**
 * Where the line holding canonical offset `offset` about is, from its block's box alone: that far
 * down the block as the offset is through its text (`length` characters). For blocks not laid out
 * (far from the viewport), whose text must not be measured: that would lay them out.
 */
export function estimatedOffsetTop(
  article: HTMLElement,
  starts: BlockStarts,
  offset: number,
  length: number,
): number | null {
  const index = blockIndexOf(starts, offset);
  const box = blockElement(article, index)?.getBoundingClientRect();
  if (!box) return null;
  const through = (offset - (starts[index] ?? 0)) / Math.max(1, length);
  return box.top + box.height * Math.min(1, Math.max(0, through));
}
