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
