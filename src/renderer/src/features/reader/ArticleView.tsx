import { memo, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { Article, PlacedBlock } from '../../../../shared/article/article-model';
import type { BlockPaint } from './highlight-paint';
import { HighlightedBlockText } from './HighlightedBlockText';

/** About how many characters a line of the reading column holds (it is 68ch wide). */
const CHARACTERS_PER_LINE = 75;

/** Renders one block as the element its role calls for; the text is always rendered as text. */
function BlockElement(props: { block: PlacedBlock; children: ReactNode }) {
  const { block } = props;
  const common = {
    'data-block-index': block.index,
    'data-start': block.start,
    className: `block block--${block.kind}`,
    // Its likely height in lines until it is first laid out (see `.block` in styles.css).
    style: {
      '--lines': Math.max(1, Math.ceil(block.text.length / CHARACTERS_PER_LINE)),
    } as CSSProperties,
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

/** Whether two paints look the same: the same paint (usually, see BlockPainter), or equal. */
function samePaint(a: BlockPaint | undefined, b: BlockPaint | undefined): boolean {
  return a === b || a?.signature === b?.signature;
}

/** One block: plain text, or its text with highlight marks; renders again only when they change. */
const Block = memo(
  function Block(props: { block: PlacedBlock; paint: BlockPaint | undefined }) {
    const { block, paint } = props;
    return (
      <BlockElement block={block}>
        {paint ? (
          <HighlightedBlockText text={block.text} blockStart={block.start} paint={paint} />
        ) : (
          block.text
        )}
      </BlockElement>
    );
  },
  (before, after) => before.block === after.block && samePaint(before.paint, after.paint),
);

/** How many blocks a `BlockRun` holds. */
const RUN_LENGTH = 16;

/**
 * A run of consecutive blocks, rendered again only when one of their paints changed: a new claim
 * re-renders its run, not every block of a long article.
 */
const BlockRun = memo(
  function BlockRun(props: {
    blocks: readonly PlacedBlock[];
    paints: readonly (BlockPaint | undefined)[];
  }) {
    return props.blocks.map((block) => (
      <Block key={block.index} block={block} paint={props.paints[block.index]} />
    ));
  },
  (before, after) =>
    before.blocks === after.blocks &&
    before.blocks.every((block) =>
      samePaint(before.paints[block.index], after.paints[block.index]),
    ),
);

/**
 * The article as the reader sees it: its blocks in order, chrome dimmed and not annotatable.
 * `paints[i]` gives block i's highlights; blocks without one show plain text (the reading pane
 * paints only blocks near the viewport, see use-block-window). Marks never change the layout, so
 * painting or not moves no text.
 */
export const ArticleView = memo(function ArticleView(props: {
  article: Article;
  /** The article's blocks placed in its canonical text (`placeBlocks`). */
  blocks: readonly PlacedBlock[];
  paints: readonly (BlockPaint | undefined)[];
}) {
  const { blocks } = props;
  const runs = useMemo(() => {
    const all: PlacedBlock[][] = [];
    for (let i = 0; i < blocks.length; i += RUN_LENGTH) all.push(blocks.slice(i, i + RUN_LENGTH));
    return all;
  }, [blocks]);
  return (
    <article
      className="article"
      lang="en"
      // Focusable so keyboard users can place a caret and select with Shift+arrows.
      tabIndex={0}
      aria-label={props.article.metadata.title}
    >
      {runs.map((run) => (
        <BlockRun key={run[0]?.index} blocks={run} paints={props.paints} />
      ))}
    </article>
  );
});
