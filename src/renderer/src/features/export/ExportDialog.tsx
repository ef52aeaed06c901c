import { useMemo, useState } from 'react';
import type { Annotation } from '../../../../shared/annotation/annotation-model';
import type { Taxonomy } from '../../../../shared/annotation/verdicts';
import type { Article } from '../../../../shared/article/article-model';
import {
  exportArticle,
  exportFormatLabels,
  type ExportFormat,
} from '../../../../shared/export/export-document';
import { GENERATOR } from '../../../../shared/version';
import { Dialog } from '../../components/Dialog';

type DialogFormat = 'markdown' | 'w3c' | 'claimreview';

/** Offers the file to the user: the browser's download, which Electron turns into a save dialog. */
function saveFile(content: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The Export dialog: format, Markdown style, options, a live preview, Save… and Copy. */
export function ExportDialog(props: {
  article: Article;
  annotations: readonly Annotation[];
  taxonomy: Taxonomy;
  onClose: () => void;
}) {
  const [format, setFormat] = useState<DialogFormat>('markdown');
  const [criticMarkup, setCriticMarkup] = useState(false);
  const [includeUnreviewed, setIncludeUnreviewed] = useState(true);
  const [includeClaimsTable, setIncludeClaimsTable] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  // One timestamp per dialog, so the preview does not change on every keystroke.
  const [exportedAt] = useState(() => new Date().toISOString());

  const document_ = useMemo(() => {
    const chosen: ExportFormat = format === 'markdown' && criticMarkup ? 'criticmarkup' : format;
    return exportArticle(
      {
        article: props.article,
        annotations: [...props.annotations],
        taxonomy: props.taxonomy,
        exportedAt,
        generator: GENERATOR,
      },
      chosen,
      { includeUnreviewed, includeClaimsTable },
    );
  }, [
    format,
    criticMarkup,
    includeUnreviewed,
    includeClaimsTable,
    props.article,
    props.annotations,
    props.taxonomy,
    exportedAt,
  ]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(document_.content);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The clipboard is not available here; use Save… instead.');
    }
  };

  return (
    <Dialog title="Export" onClose={props.onClose}>
      <div className="export">
        <fieldset className="export__group">
          <legend>Format</legend>
          {(['markdown', 'w3c', 'claimreview'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name="export-format"
                value={value}
                checked={format === value}
                onChange={() => setFormat(value)}
              />{' '}
              {exportFormatLabels[value]}
            </label>
          ))}
        </fieldset>
        {format === 'markdown' && (
          <fieldset className="export__group">
            <legend>Markdown style</legend>
            <label>
              <input
                type="radio"
                name="export-style"
                checked={!criticMarkup}
                onChange={() => setCriticMarkup(false)}
              />{' '}
              Footnotes
            </label>
            <label>
              <input
                type="radio"
                name="export-style"
                checked={criticMarkup}
                onChange={() => setCriticMarkup(true)}
              />{' '}
              CriticMarkup
            </label>
          </fieldset>
        )}
        <fieldset className="export__group">
          <legend>Options</legend>
          <label>
            <input
              type="checkbox"
              checked={includeUnreviewed}
              onChange={(e) => setIncludeUnreviewed(e.target.checked)}
            />{' '}
            Include unreviewed claims
          </label>
          {format === 'markdown' && (
            <label>
              <input
                type="checkbox"
                checked={includeClaimsTable}
                onChange={(e) => setIncludeClaimsTable(e.target.checked)}
              />{' '}
              Include the claims summary table
            </label>
          )}
        </fieldset>
        <label className="export__preview-label">
          Preview <span className="export__file-name">{document_.fileName}</span>
          <textarea
            className="export__preview"
            aria-label="Preview"
            readOnly
            value={document_.content}
            spellCheck={false}
          />
        </label>
        <p className="export__status" role="status">
          {copied}
        </p>
        <div className="dialog__actions">
          <button type="button" onClick={props.onClose}>
            Close
          </button>
          <button type="button" onClick={() => void copy()}>
            Copy
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => saveFile(document_.content, document_.fileName, document_.mimeType)}
          >
            Save…
          </button>
        </div>
      </div>
    </Dialog>
  );
}
