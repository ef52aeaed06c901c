import { memo, useEffect, useRef, useState } from 'react';
import { DuplicateDialog, ImportProgressBar, PasteDialog } from './ImportDialogs';
import type { useArticleImport } from './use-article-import';

const ACCEPTED = '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html';

/**
 * "Import article" and "Paste article", Ctrl/Cmd+O, dropping a file on the window, and the
 * dialogs and progress that go with them.
 */
export const ImportControls = memo(function ImportControls({
  importer,
}: {
  importer: ReturnType<typeof useArticleImport>;
}) {
  const input = useRef<HTMLInputElement | null>(null);
  const [pasteText, setPasteText] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const { importFile, importBase64 } = importer;

  // In the desktop app, File > Import… chooses the file in the main process and hands it over.
  useEffect(
    () =>
      window.factmarkMenu?.onImportFile((file) => void importBase64(file.fileName, file.base64)),
    [importBase64],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        input.current?.click();
      }
    };
    // Dropping a file anywhere on the window imports it; nothing dropped is ever navigated to.
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importFile(file);
    };
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFile]);

  const openPaste = async () => {
    let text = '';
    try {
      text = await navigator.clipboard.readText();
    } catch {
      // Clipboard access can be refused; the dialog still takes a paste by hand.
    }
    setPasteText(text);
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()} aria-keyshortcuts="Control+O">
        Import article
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED}
        hidden
        data-testid="import-file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <button type="button" onClick={() => void openPaste()}>
        Paste article
      </button>
      {importer.progress && <ImportProgressBar progress={importer.progress} />}
      {importer.question && (
        <DuplicateDialog
          question={importer.question}
          onAnswer={(choice) => void importer.answer(choice)}
        />
      )}
      {pasteText !== null && (
        <PasteDialog
          initialText={pasteText}
          onClose={() => setPasteText(null)}
          onImport={(text) => {
            setPasteText(null);
            void importer.importText(text);
          }}
        />
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop an article to import it
        </div>
      )}
    </>
  );
});
