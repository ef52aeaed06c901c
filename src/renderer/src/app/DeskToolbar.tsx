import { memo } from 'react';
import { ImportControls } from '../features/import/ImportControls';
import type { useArticleImport } from '../features/import/use-article-import';

/** The reading text sizes the A− and A+ buttons step through (px). */
export const FONT_SIZES = [15, 17, 19, 21, 24];

/**
 * The bar above the article: its title, text size, the verdict settings, export and import. It
 * renders again only when one of these changes, not with every claim.
 */
export const DeskToolbar = memo(function DeskToolbar(props: {
  title: string;
  fontSize: number;
  onFontSize: (update: (size: number) => number) => void;
  onOpenSettings: () => void;
  /** Null while no article is open. */
  onExport: (() => void) | null;
  importer: ReturnType<typeof useArticleImport>;
}) {
  const { fontSize, onFontSize } = props;
  return (
    <div className="desk__toolbar" role="toolbar" aria-label="Article">
      <span className="desk__title">{props.title}</span>
      <div className="desk__actions">
        <button
          type="button"
          aria-label="Smaller text"
          disabled={fontSize === FONT_SIZES[0]}
          onClick={() => onFontSize((s) => FONT_SIZES[FONT_SIZES.indexOf(s) - 1] ?? s)}
        >
          A−
        </button>
        <button
          type="button"
          aria-label="Larger text"
          disabled={fontSize === FONT_SIZES.at(-1)}
          onClick={() => onFontSize((s) => FONT_SIZES[FONT_SIZES.indexOf(s) + 1] ?? s)}
        >
          A+
        </button>
        <button type="button" onClick={props.onOpenSettings}>
          Verdicts…
        </button>
        <button type="button" disabled={!props.onExport} onClick={props.onExport ?? undefined}>
          Export
        </button>
        <ImportControls importer={props.importer} />
      </div>
    </div>
  );
});
