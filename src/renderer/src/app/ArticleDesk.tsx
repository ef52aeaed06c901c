import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type RefObject,
} from 'react';
import type { AnnotationPatch } from '../../../shared/api/contract';
import type { Annotation } from '../../../shared/annotation/annotation-model';
import type { Taxonomy } from '../../../shared/annotation/verdicts';
import { segmentsByBlock } from '../../../shared/anchoring/segment-highlights';
import { canonicalText, type Article } from '../../../shared/article/article-model';
import { layoutMarginCards } from '../features/margin/layout-margin-cards';
import { MarginCard } from '../features/margin/MarginCard';
import { ClaimFilterBar, ClaimSummaryStrip } from '../features/margin/ClaimFilterBar';
import { matchesFilter, type ClaimFilter } from '../features/margin/claim-filter';
import { ArticleView } from '../features/reader/ArticleView';
import { HighlightedBlockText, type HighlightStyle } from '../features/reader/HighlightedBlockText';
import { placeCaretAtStart } from '../features/reader/dom-offsets';
import { SelectionToolbar } from '../features/reader/SelectionToolbar';
import { useSelectionSpan } from '../features/reader/use-selection-span';
import { beginInteraction, endInteractionAfterPaint } from './perf-marks';

const NEUTRAL = '#8a8b90';
const CARD_GAP = 10;

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * The open article with its highlights, and the margin with a card level with each highlight.
 * Owns the selection toolbar, the keyboard shortcuts for tagging, and the margin layout.
 */
export function ArticleDesk(props: {
  article: Article;
  annotations: readonly Annotation[];
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
  ) => Promise<Annotation | undefined>;
  onUpdate: (id: string, patch: AnnotationPatch) => Promise<boolean>;
  onDelete: (id: string) => void;
  onAcceptWording: (id: string) => void;
  onAttach: (id: string, start: number, end: number) => Promise<boolean>;
}) {
  const { article, annotations, taxonomy } = props;
  const verdicts = taxonomy.verdicts;
  const text = useMemo(() => canonicalText(article.blocks), [article.blocks]);
  const articleRef = useRef<HTMLElement | null>(null);
  const cardsRef = useRef<HTMLDivElement | null>(null);
  const cardElements = useRef(new Map<string, HTMLElement>());
  const noteElements = useRef(new Map<string, HTMLTextAreaElement>());
  const focusNoteOf = useRef<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [tops, setTops] = useState<ReadonlyMap<string, number>>(new Map());
  const [layoutVersion, relayout] = useReducer((n: number) => n + 1, 0);
  const { span, dismiss } = useSelectionSpan(article, text, articleRef, props.scrollRef);

  const [attachTarget, setAttachTarget] = useState<string | null>(null);
  const orphans = useMemo(() => annotations.filter((a) => a.anchor === 'orphaned'), [annotations]);
  const visible = useMemo(
    () => annotations.filter((a) => a.anchor !== 'orphaned' && matchesFilter(a, props.filter)),
    [annotations, props.filter],
  );
  const styles = useMemo(() => {
    const visibleIds = new Set(visible.map((a) => a.id));
    const colorOf = new Map(verdicts.map((v) => [v.id, v.color]));
    return new Map<string, HighlightStyle>(
      annotations.map((a) => [
        a.id,
        {
          color: (a.verdictId && colorOf.get(a.verdictId)) || NEUTRAL,
          dimmed: !visibleIds.has(a.id),
        },
      ]),
    );
  }, [annotations, visible, verdicts]);
  const segments = useMemo(
    () =>
      segmentsByBlock(
        article.blocks,
        annotations.filter((a) => a.anchor !== 'orphaned'),
      ),
    [article.blocks, annotations],
  );
  const firstSegmentOf = useMemo(
    () => new Map(annotations.map((a) => [a.id, a.start])),
    [annotations],
  );

  // Margin layout: measure each highlight's top and each card's height, then place the cards.
  useLayoutEffect(() => {
    const cards = cardsRef.current;
    const articleElement = articleRef.current;
    if (!cards || !articleElement) return;
    const base = cards.getBoundingClientRect().top;
    const anchorTops = new Map<string, number>();
    for (const mark of articleElement.querySelectorAll<HTMLElement>('mark[data-first-of]')) {
      const top = mark.getBoundingClientRect().top - base;
      for (const id of (mark.dataset['firstOf'] ?? '').split(' ')) anchorTops.set(id, top);
    }
    let lastTop = 0;
    const boxes = visible.map((annotation) => {
      const anchorTop = anchorTops.get(annotation.id) ?? lastTop;
      lastTop = anchorTop;
      return {
        id: annotation.id,
        anchorTop,
        height: cardElements.current.get(annotation.id)?.offsetHeight ?? 0,
      };
    });
    const next = layoutMarginCards(boxes, { gap: CARD_GAP });
    setTops((previous) => {
      if (
        previous.size === next.size &&
        [...next].every(([id, top]) => Math.abs((previous.get(id) ?? NaN) - top) < 0.5)
      )
        return previous;
      return next;
    });
    // A state change above re-renders before paint, so the next paint shows the final layout.
    endInteractionAfterPaint('factmark:open-article');
    endInteractionAfterPaint('factmark:create-highlight');
  }, [visible, segments, layoutVersion]);

  // A new claim made with N opens its note once its card is placed (a hidden card can't take focus).
  useLayoutEffect(() => {
    const pending = focusNoteOf.current;
    const note = pending && tops.has(pending) ? noteElements.current.get(pending) : undefined;
    if (!note) return;
    focusNoteOf.current = null;
    note.focus();
  }, [tops]);

  // Re-measure when the text reflows (window resize, font size) or a card grows while typing.
  useEffect(() => {
    const observer = new ResizeObserver(() => relayout());
    if (articleRef.current) observer.observe(articleRef.current);
    for (const element of cardElements.current.values()) observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  const create = useCallback(
    async (verdictId: string | null, openNote: boolean) => {
      if (!span || props.readOnly) return;
      beginInteraction('factmark:create-highlight');
      // Clear the selection first, so a quick second key press cannot tag the same span twice.
      dismiss();
      const created = await props.onCreate(span.start, span.end, verdictId);
      if (created) {
        setActiveId(created.id);
        if (openNote) focusNoteOf.current = created.id;
      }
    },
    [span, props, dismiss],
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

  // Keys while a span is selected: 1-9 tag, N opens a note, Esc dismisses; Shift+arrows extend.
  // The listener reads the latest span through a ref: a key pressed right after the toolbar
  // appears must see that span, not the one from before the last render.
  const keyState = useRef({ span, verdicts, create, dismiss });
  useLayoutEffect(() => {
    keyState.current = { span, verdicts, create, dismiss };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { span, verdicts, create, dismiss } = keyState.current;
      if (isTextField(event.target) || event.metaKey) return;
      const articleElement = articleRef.current;
      const selection = window.getSelection();
      if (
        event.key.startsWith('Arrow') &&
        articleElement &&
        document.activeElement === articleElement
      ) {
        // A focused article with no caret in it gets one, so arrows have somewhere to start.
        if (!selection?.anchorNode || !articleElement.contains(selection.anchorNode)) {
          placeCaretAtStart(articleElement);
        }
      }
      const inArticle =
        !!articleElement &&
        !!selection?.anchorNode &&
        articleElement.contains(selection.anchorNode);
      if (event.key.startsWith('Arrow') && inArticle && selection) {
        // Caret browsing: in the focused article arrows move a caret; anywhere in it, Shift+arrows select.
        const extend = event.shiftKey;
        if (!extend && document.activeElement !== articleElement) return;
        const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
        const vertical = event.key === 'ArrowUp' || event.key === 'ArrowDown';
        const granularity = vertical
          ? 'line'
          : event.ctrlKey || event.altKey
            ? 'word'
            : 'character';
        selection.modify(extend ? 'extend' : 'move', forward ? 'forward' : 'backward', granularity);
        event.preventDefault();
        return;
      }
      if (event.ctrlKey || event.altKey) return;
      if (!span) return;
      if (event.key === 'Escape') {
        dismiss();
        event.preventDefault();
      } else if (/^[1-9]$/.test(event.key) && !event.shiftKey) {
        const verdict = verdicts[Number(event.key) - 1];
        if (verdict) {
          event.preventDefault();
          void create(verdict.id, false);
        }
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        void create(null, true);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
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
    const card = cardElements.current.get(id);
    if (card) {
      card.scrollIntoView({ block: 'nearest' });
      card.focus({ preventScroll: true });
    }
  };

  return (
    <>
      <main className="reading-pane">
        <div
          className="reading-pane__article"
          ref={(element) => {
            articleRef.current = element?.querySelector('article') ?? null;
          }}
          onClick={onArticleClick}
          onFocus={(event) => {
            // Keyboard users get a caret to extend with Shift+arrows.
            if (event.target === articleRef.current && window.getSelection()?.rangeCount === 0)
              placeCaretAtStart(articleRef.current);
          }}
        >
          <ArticleView
            article={article}
            renderBlockText={(block) => (
              <HighlightedBlockText
                text={block.text}
                blockStart={block.start}
                segments={segments[block.index] ?? []}
                styles={styles}
                firstSegmentOf={firstSegmentOf}
                activeId={activeId}
              />
            )}
          />
        </div>
        {span && !props.readOnly && (
          <SelectionToolbar
            position={span.position}
            verdicts={verdicts}
            onVerdict={(id) => void create(id, false)}
            onNote={() => void create(null, true)}
            onAttach={attachTarget ? () => void attach() : undefined}
          />
        )}
      </main>
      <aside className="margin" aria-label="Annotations">
        {annotations.length > 0 ? (
          <div className="margin__tools">
            <ClaimSummaryStrip
              annotations={annotations}
              verdicts={verdicts}
              filter={props.filter}
              onFilter={props.onFilter}
            />
            <ClaimFilterBar
              verdicts={verdicts}
              labels={props.knownLabels}
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
            <h2 id="orphans-heading">Orphaned</h2>
            {orphans.map((annotation) => (
              <MarginCard
                key={annotation.id}
                annotation={annotation}
                verdicts={verdicts}
                knownLabels={props.knownLabels}
                top="static"
                active={activeId === annotation.id}
                onActivate={() => undefined}
                onUpdate={props.onUpdate}
                onDelete={props.onDelete}
                attachArmed={attachTarget === annotation.id}
                onChooseAttach={(id) => setAttachTarget((current) => (current === id ? null : id))}
              />
            ))}
          </section>
        )}
        <div className="margin__cards" ref={cardsRef}>
          {visible.map((annotation) => (
            <MarginCard
              key={annotation.id}
              ref={(element) => {
                if (element) cardElements.current.set(annotation.id, element);
                else cardElements.current.delete(annotation.id);
              }}
              noteRef={(element) => {
                if (element) noteElements.current.set(annotation.id, element);
                else noteElements.current.delete(annotation.id);
              }}
              annotation={annotation}
              verdicts={verdicts}
              knownLabels={props.knownLabels}
              top={tops.get(annotation.id)}
              active={activeId === annotation.id}
              onActivate={(id) =>
                setActiveId((current) => (id === null && current !== annotation.id ? current : id))
              }
              onUpdate={props.onUpdate}
              onDelete={props.onDelete}
              onAcceptWording={props.onAcceptWording}
            />
          ))}
        </div>
      </aside>
    </>
  );
}
