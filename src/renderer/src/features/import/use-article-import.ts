import { useCallback, useMemo, useState } from 'react';
import type { Api } from '../../../../shared/api/api';
import { MAX_IMPORT_BYTES, type ImportOutcome } from '../../../../shared/api/contract';
import type { ApiResult } from '../../../../shared/api/result';
import type { ArticleSummary } from '../../../../shared/article/article-model';
import { bytesToBase64, readFileBytes, textToBase64 } from './read-file';

/** An import under way: which file, and how far reading it has got (null while the app parses it). */
export interface ImportProgress {
  fileName: string;
  fraction: number | null;
}

/** An import waiting for the reader to choose: update the article already in the library, or keep both. */
export interface DuplicateQuestion {
  fileName: string;
  base64: string;
  existing: ArticleSummary;
  title: string;
}

/**
 * Getting articles in: files (button, menu, drop) and pasted text. A refused import changes
 * nothing and says why; a second version of an article asks before touching the first.
 */
export function useArticleImport(
  api: Api,
  unwrap: <T>(result: ApiResult<T>) => T | undefined,
  onDone: (outcome: Exclude<ImportOutcome, { status: 'duplicate' }>) => void,
  onRefused: (message: string) => void,
) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [question, setQuestion] = useState<DuplicateQuestion | null>(null);

  const send = useCallback(
    async (fileName: string, base64: string, onDuplicate: 'ask' | 'keep-both' | 'update') => {
      setProgress({ fileName, fraction: null });
      try {
        const outcome = unwrap(await api.importArticle({ fileName, base64, onDuplicate }));
        if (!outcome) return;
        if (outcome.status === 'duplicate')
          setQuestion({ fileName, base64, existing: outcome.existing, title: outcome.title });
        else onDone(outcome);
      } finally {
        setProgress(null);
      }
    },
    [api, unwrap, onDone],
  );

  const importFile = useCallback(
    async (file: File) => {
      if (file.size > MAX_IMPORT_BYTES) {
        onRefused(
          `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; Factmark imports files up to 20 MB.`,
        );
        return;
      }
      setProgress({ fileName: file.name, fraction: 0 });
      let bytes: Uint8Array;
      try {
        bytes = await readFileBytes(file, (fraction) =>
          setProgress({ fileName: file.name, fraction }),
        );
      } catch (error) {
        setProgress(null);
        onRefused(error instanceof Error ? error.message : String(error));
        return;
      }
      await send(file.name, bytesToBase64(bytes), 'ask');
    },
    [send, onRefused],
  );

  const importText = useCallback(
    (text: string) => send('Pasted article.txt', textToBase64(text), 'ask'),
    [send],
  );

  const answer = useCallback(
    async (choice: 'keep-both' | 'update' | 'cancel') => {
      const pending = question;
      setQuestion(null);
      if (pending && choice !== 'cancel') await send(pending.fileName, pending.base64, choice);
    },
    [question, send],
  );

  const importBase64 = useCallback(
    (fileName: string, base64: string) => send(fileName, base64, 'ask'),
    [send],
  );

  // One object while nothing changes, so the import controls skip the window's re-renders.
  return useMemo(
    () => ({ progress, question, importFile, importText, importBase64, answer }),
    [progress, question, importFile, importText, importBase64, answer],
  );
}
