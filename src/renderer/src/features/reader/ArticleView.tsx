import type { ReactNode } from 'react';
import {
  placeBlocks,
  type Article,
  type PlacedBlock,
} from '../../../../shared/article/article-model';

/** Renders one block as the element its role calls for; the text is always rendered as text. */
function BlockElement(props: { block: PlacedBlock; children: ReactNode }) {
  const { block } = props;
  const common = {
    'data-block-index': block.index,
    'data-start': block.start,
    className: `block block--${block.kind}`,
  };
  switch (block.kind) {
    case 'headline':
      return <h1 {...common}>{props.children}</h1>;
    case 'chrome':
      return (
        <p
          {...common}
          data-annotatable="false"
          title="Site furniture: not part of the article, cannot be highlighted"
        >
          {props.children}
        </p>
      );
    default:
      return <p {...common}>{props.children}</p>;
  }
}

/** The article as the reader sees it: its blocks in order, chrome dimmed and not annotatable. */
export function ArticleView(props: {
  article: Article;
  renderBlockText?: (block: PlacedBlock) => ReactNode;
}) {
  const blocks = placeBlocks(props.article.blocks);
  return (
    <article
      className="article"
      lang="en"
      // Focusable so keyboard users can place a caret and select with Shift+arrows.
      tabIndex={0}
      aria-label={props.article.metadata.title}
    >
      {blocks.map((block) => (
        <BlockElement key={block.index} block={block}>
          {props.renderBlockText ? props.renderBlockText(block) : block.text}
        </BlockElement>
      ))}
    </article>
  );
}
