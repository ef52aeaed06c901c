import { canonicalText, type Block } from '../../../shared/article/article-model';

/** Each article's canonical text, joined once per article (20,000 words are a costly join). */
const texts = new WeakMap<readonly Block[], string>();

/** The canonical text of `blocks` (see `canonicalText`), computed once per blocks array. */
export function articleText(blocks: readonly Block[]): string {
  let text = texts.get(blocks);
  if (text === undefined) {
    text = canonicalText(blocks);
    texts.set(blocks, text);
  }
  return text;
}
