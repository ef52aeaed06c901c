import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { DuplicateQuestion, ImportProgress } from './use-article-import';
import { countOf } from '../../components/count-of';

/** Progress of an import: reading the file, then the app parsing it. */
export function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  return (
    <div className="import-progress" role="status">
      <span>Importing {progress.fileName}…</span>
      <progress
        aria-label={`Importing ${progress.fileName}`}
        max={1}
        value={progress.fraction ?? undefined}
      />
    </div>
  );
}

/** Asks what to do with a new version of an article already in the library. */
export function DuplicateDialog(props: {
  question: DuplicateQuestion;
  onAnswer: (choice: 'keep-both' | 'update' | 'cancel') => void;
}) {
  const { existing } = props.question;
  return (
    <Dialog
      title="This article is already in your library"
      onClose={() => props.onAnswer('cancel')}
    >
      <p>
        “{existing.title}” is in your library with {countOf(existing.claimCount)}. Update it to the
        text in {props.question.fileName}, moving each claim to where its quote now is, or keep both
        versions?
      </p>
      <div className="dialog__actions">
        <button type="button" onClick={() => props.onAnswer('cancel')}>
          Cancel
        </button>
        <button type="button" onClick={() => props.onAnswer('keep-both')}>
          Keep both
        </button>
        <button type="button" className="primary" onClick={() => props.onAnswer('update')}>
          Update existing
        </button>
      </div>
    </Dialog>
  );
}

/** Takes an article's text by hand when the clipboard cannot be read directly. */
export function PasteDialog(props: {
  initialText: string;
  onImport: (text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(props.initialText);
  return (
    <Dialog title="Paste article" onClose={props.onClose}>
      <p>Paste the article's text: headline on the first line, then the rest.</p>
      <textarea
        aria-label="Article text"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="dialog__actions">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!text.trim()}
          onClick={() => props.onImport(text)}
        >
          Import
        </button>
      </div>
    </Dialog>
  );
}
