import {
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import type { AnnotationPatch } from '../../../shared/api/contract';
import type { Annotation } from '../../../shared/annotation/annotation-model';
import type { Taxonomy } from '../../../shared/annotation/verdicts';
import { placeBlocks, type Article } from '../../../shared/article/article-model';
import { articleText } from './article-text';
import type { ClaimTally } from '../features/margin/claim-tally';
import { useMarginLayout } from '../features/margin/use-margin-layout';
import { MarginCard } from '../features/margin/MarginCard';
import { MarginCardList } from '../features/margin/MarginCardList';
import { ClaimFilterBar, ClaimSummaryStrip } from '../features/margin/ClaimFilterBar';
import { isFiltering, matchesFilter, type ClaimFilter } from '../features/margin/claim-filter';
import { ArticleView } from '../features/reader/ArticleView';
import { useActiveClaimStyle } from '../features/reader/use-active-claim-style';
import { BlockPainter } from '../features/reader/block-painter';
import {
  blockIndexOf,
  estimatedOffsetTop,
  offsetTop,
  placeCaretAtStart,
} from '../features/reader/dom-offsets';
import { useBlockWindow } from '../features/reader/use-block-window';
import { SelectionToolbar } from '../features/reader/SelectionToolbar';
import { useSelectionSpan } from '../features/reader/use-selection-span';
import { useTaggingKeys } from '../features/reader/use-tagging-keys';
import { useStableCallback } from '../components/use-stable-callback';
import { beginInteraction, endInteractionAfterPaint } from './perf-marks';

/**
 * The claims by where they show: orphans (listed apart), anchored ones (painted in the text) and,
 * of those, the ones the filter lets into the margin. The input array itself is passed on when
 * nothing is left out (the usual case), so a new claim copies nothing.
 */
function sortClaims(annotations: readonly Annotation[], hasOrphans: boolean, filter: ClaimFilter) {
  const orphans = hasOrphans ? annotations.filter((a) => a.anchor === 'orphaned') : [];
  const anchored = hasOrphans ? annotations.filter((a) => a.anchor !== 'orphaned') : annotations;
  const visible = isFiltering(filter) ? anchored.filter((a) => matchesFilter(a, filter)) : anchored;
  return { orphans, anchored, visible };
}

/** The id of the claim whose card holds `target`, if any. */
function cardIdOf(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  return target.closest<HTMLElement>('[data-annotation-id]')?.dataset['annotationId'] ?? null;
}

/**
 * The open article with its highlights, and the margin with a card level with each highlight.
 * Owns the selection toolbar, the keyboard shortcuts for tagging, and the margin layout.
 */
export function ArticleDesk(props: {
  article: Article;
  /** In text order. */
  annotations: readonly Annotation[];
  tally: ClaimTally;
  taxonomy: Taxonomy;
  knownLabels: readonly string[];
  filter: ClaimFilter;
  onFilter: (filter: ClaimFilter) => void;
  scrollRef: RefObject<HTMLDivElement | null>;
  readOnly: boolean;
  onCreate: (
    start: number,
    end: number,
    verdictId: string | null,
    annotationId: string,
  ) => Promise<Annotation | undefined>;
  onUpdate: (id: string, patch: AnnotationPatch) => Promise<boolean>;
  onDelete: (id: string) => void;
  onAcceptWording: (id: string) => void;
  onAttach: (id: string, start: number, end: number) => Promise<boolean>;
}) {
  const { article, annotations, tally, taxonomy } = props;
  const verdicts = taxonomy.verdicts;
  const text = articleText(article.blocks);
  const placed = useMemo(() => placeBlocks(article.blocks), [article.blocks]);
  const articleRef = useRef<HTMLElement | null>(null);
  const cardsRef = useRef<HTMLDivElement | null>(null);
  const headRef = useRef<HTMLDivElement | null>(null);
  const [pendingCardFocus, setPendingCardFocus] = useState<string | null>(null);
  const noteElements = useRef(new Map<string, HTMLTextAreaElement>());
  // A claim made with N whose note should take focus once its card is placed.
  const [pendingNote, setPendingNote] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  // The card holding the focus stays in the DOM wherever it is scrolled (its field keeps focus).
  const [focusedCard, setFocusedCard] = useState<string | null>(null);
  const labelsListId = useId();
  const {
    span,
    dismiss,
    read: readSpan,
  } = useSelectionSpan(placed, text, articleRef, props.scrollRef);

  const [attachTarget, setAttachTarget] = useState<string | null>(null);
  const [showOrphans, setShowOrphans] = useState(false);
  const hasOrphans = tally.orphans > 0;
  const { orphans, anchored, visible } = useMemo(
    () => sortClaims(annotations, hasOrphans, props.filter),
    [annotations, hasOrphans, props.filter],
  );
  const blockStarts = useMemo(() => placed.map((block) => block.start), [placed]);

  // Only blocks near the viewport are painted: a screenful of marks, however long the article,
  // and a new claim costs work in proportion to what is on screen, not to the claims there are.
  const near = useBlockWindow(articleRef, props.scrollRef, article.blocks);
  useActiveClaimStyle(activeId);
  const [painter] = useState(() => new BlockPainter());
  const paints = useMemo(
    () =>
      painter.paint({
        blocks: placed,
        first: near.first,
        last: near.last,
        claims: anchored,
        longest: tally.longest,
        verdicts,
        filter: props.filter,
      }),
    [painter, placed, near, anchored, tally.longest, verdicts, props.filter],
  );

  // Highlights in painted blocks are measured; elsewhere (blocks maybe not laid out yet) their
  // place is estimated from the block's box, and measured once the block is painted.
  const measureTop = useCallback(
    (offset: number) => {
      const element = articleRef.current;
      if (!element) return null;
      const index = blockIndexOf(blockStarts, offset);
      if (index >= near.first && index <= near.last) {
        const top = offsetTop(element, blockStarts, offset);
        return top === null ? null : { top, exact: true };
      }
      const length = placed[index]?.text.length ?? 0;
      const top = estimatedOffsetTop(element, blockStarts, offset, length);
      return top === null ? null : { top, exact: false };
    },
    [blockStarts, placed, near],
  );
  const layout = useMarginLayout({
    // The margin's claims in text order (the store keeps them so). A new array on every change
    // of a claim, but the layout caches positions by offset, so an edited note measures nothing.
    anchors: visible,
    measureTop,
    textKey: blockStarts,
    articleRef,
    cardsRef,
    headRef,
    scrollRef: props.scrollRef,
  });
  const keep = useMemo(
    () => [focusedCard, pendingNote, pendingCardFocus],
    [focusedCard, pendingNote, pendingCardFocus],
  );
  const { isPlaced, primeAnchor } = layout;

  // The measures end after the paint that shows the article just opened, or the claims just
  // changed, with their cards placed (the layout's own effects, declared before these, place
  // them in the same commit).
  useLayoutEffect(() => endInteractionAfterPaint('factmark:open-article'), [article]);
  useLayoutEffect(() => endInteractionAfterPaint('factmark:create-highlight'), [annotations]);

  const activate = useCallback((id: string, entering: boolean) => {
    setActiveId((current) => (entering ? id : current === id ? null : current));
  }, []);
  // One ref callback for every note field, keyed by its card's claim id.
  const noteRef = useCallback((element: HTMLTextAreaElement | null) => {
    const id = cardIdOf(element);
    if (!element || !id) return;
    noteElements.current.set(id, element);
    return () => {
      if (noteElements.current.get(id) === element) noteElements.current.delete(id);
    };
  }, []);
  // Stable by content (a few labels, so the key is short), so the filter bar and the labels list
  // skip re-rendering when a claim changes and the labels do not.
  const knownLabelsKey = props.knownLabels.join('\u0000');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- stable by content
  const knownLabels = useMemo(() => props.knownLabels, [knownLabelsKey]);
  const labelsList = useMemo(
    () => (
      <datalist id={labelsListId}>
        {knownLabels.map((label) => (
          <option key={label} value={label} />
        ))}
      </datalist>
    ),
    [labelsListId, knownLabels],
  );

  // A new claim made with N opens its note once its card is placed (a hidden card can't take focus).
  useLayoutEffect(() => {
    const note =
      pendingNote && isPlaced(pendingNote) ? noteElements.current.get(pendingNote) : undefined;
    if (!note) return;
    note.focus();
    setPendingNote(null);
  }, [pendingNote, isPlaced]);

  const create = useCallback(
    async (verdictId: string | null, openNote: boolean) => {
      // The live selection, in case keys extended it since the last frame updated `span`.
      const target = readSpan() ?? span;
      if (!target || props.readOnly) return;
      beginInteraction('factmark:create-highlight');
      const id = crypto.randomUUID();
      // Where the highlight will start, read while the page is still laid out: the margin needs
      // no fresh layout of the page to place the new card.
      primeAnchor(id, target.start);
      // Clear the selection first, so a quick second key press cannot tag the same span twice.
      dismiss();
      // The claim, its card and its emphasis show in one render, before the save is acknowledged.
      setActiveId(id);
      if (openNote) setPendingNote(id);
      const created = await props.onCreate(target.start, target.end, verdictId, id);
      if (!created) {
        setActiveId((current) => (current === id ? null : current));
        setPendingNote((current) => (current === id ? null : current));
      }
    },
    [span, readSpan, props, dismiss, primeAnchor],
  );

  // Re-attaching an orphan: the armed orphan takes the selected span.
  const attach = useCallback(async () => {
    if (!span || !attachTarget) return;
    const target = attachTarget;
    dismiss();
    if (await props.onAttach(target, span.start, span.end)) {
      setAttachTarget(null);
      setActiveId(target);
    }
  }, [span, attachTarget, dismiss, props]);

  useTaggingKeys({ span, verdicts, create, dismiss, read: readSpan, articleRef });
  // The toolbar's handlers keep their identity, so its buttons skip the desk's re-renders.
  const onVerdict = useStableCallback((verdictId: string) => void create(verdictId, false));
  const onNote = useStableCallback(() => void create(null, true));
  const onAttach = useStableCallback(() => void attach());

  // The article element inside the reading pane (kept by a stable callback: a new one on every
  // render would be detached and attached again, querying the pane each time).
  const holdArticle = useCallback((element: HTMLDivElement | null) => {
    articleRef.current = element?.querySelector('article') ?? null;
  }, []);

  // Clicking a highlight focuses its card; clicking again where claims overlap cycles outward.
  const onArticleClick = (event: React.MouseEvent) => {
    if (!window.getSelection()?.isCollapsed) return;
    const mark = (event.target as HTMLElement).closest('mark');
    const ids = mark?.getAttribute('data-annotation-ids')?.split(' ').filter(Boolean);
    if (!ids?.length) return;
    const current = activeId ? ids.indexOf(activeId) : -1;
    const id = current > 0 ? ids[current - 1]! : ids[ids.length - 1]!;
    setActiveId(id);
    setPendingCardFocus(id);
  };

  // The card of a clicked highlight takes focus once it is rendered and placed.
  useLayoutEffect(() => {
    if (!pendingCardFocus || !isPlaced(pendingCardFocus)) return;
    const card = cardsRef.current?.querySelector<HTMLElement>(
      `[data-annotation-id="${CSS.escape(pendingCardFocus)}"]`,
    );
    if (!card) return;
    card.scrollIntoView({ block: 'nearest' });
    card.focus({ preventScroll: true });
    setPendingCardFocus(null);
  }, [pendingCardFocus, isPlaced]);

  return (
    <>
      <main className="reading-pane">
        <div
          className="reading-pane__article"
          ref={holdArticle}
          onClick={onArticleClick}
          onFocus={(event) => {
            // Keyboard users get a caret to extend with Shift+arrows.
            if (event.target === articleRef.current && window.getSelection()?.rangeCount === 0)
              placeCaretAtStart(articleRef.current);
          }}
        >
          <ArticleView article={article} blocks={placed} paints={paints} />
        </div>
        {!props.readOnly && (
          <SelectionToolbar
            position={span?.position ?? null}
            verdicts={verdicts}
            onVerdict={onVerdict}
            onNote={onNote}
            onAttach={attachTarget ? onAttach : undefined}
          />
        )}
      </main>
      <aside className="margin" aria-label="Annotations">
        <div className="margin__head" ref={headRef}>
          {annotations.length > 0 ? (
            <div className="margin__tools">
              <ClaimSummaryStrip
                tally={tally}
                verdicts={verdicts}
                filter={props.filter}
                onFilter={props.onFilter}
              />
              <ClaimFilterBar
                verdicts={verdicts}
                labels={knownLabels}
                filter={props.filter}
                onFilter={props.onFilter}
              />
            </div>
          ) : (
            <p className="margin__hint">
              Select a claim in the article to tag it with a verdict and write a note.
            </p>
          )}
          {orphans.length > 0 && (
            <section className="orphans" aria-labelledby="orphans-heading">
              <div className="orphans__header">
                <h2 id="orphans-heading">Orphaned</h2>
                {/* Collapsed by default: open, the list pushes the cards below it off their highlights. */}
                <button
                  type="button"
                  aria-expanded={showOrphans}
                  onClick={() => setShowOrphans((shown) => !shown)}
                >
                  {showOrphans ? 'Hide' : `Show ${orphans.length}`}
                </button>
              </div>
              {showOrphans &&
                orphans.map((annotation) => (
                  <MarginCard
                    key={annotation.id}
                    annotation={annotation}
                    verdicts={verdicts}
                    labelsListId={labelsListId}
                    top="static"
                    active={activeId === annotation.id}
                    onActivate={activate}
                    onUpdate={props.onUpdate}
                    onDelete={props.onDelete}
                    attachArmed={attachTarget === annotation.id}
                    onChooseAttach={(id) =>
                      setAttachTarget((current) => (current === id ? null : id))
                    }
                  />
                ))}
            </section>
          )}
        </div>
        {/* The labels in use, which every card's label field suggests. */}
        {labelsList}
        <div
          className="margin__cards"
          ref={cardsRef}
          onFocus={(event) => setFocusedCard(cardIdOf(event.target))}
          onBlur={(event) => {
            if (cardIdOf(event.relatedTarget) !== cardIdOf(event.target)) setFocusedCard(null);
          }}
        >
          <MarginCardList
            layout={layout}
            claims={visible}
            keep={keep}
            columnRef={cardsRef}
            verdicts={verdicts}
            labelsListId={labelsListId}
            activeId={activeId}
            onActivate={activate}
            onUpdate={props.onUpdate}
            onDelete={props.onDelete}
            onAcceptWording={props.onAcceptWording}
            noteRef={noteRef}
          />
        </div>
      </aside>
    </>
  );
}
