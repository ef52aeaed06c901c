// Child process of the crash test: opens the real library (lock, store, services, dispatcher)
// and makes saves from a given number on, printing "ack <n>" only after save n has resolved.
// The parent kills it with SIGKILL at random moments. Usage: crash-writer <dataDir> <resourcesDir> <firstSave>
import { call } from '../../src/main/api/dispatcher';
import { openFactmark } from '../../src/main/services/open-factmark';
import { acquireDataDirLock } from '../../src/main/store/lock-file';
import { buildTextQuote } from '../../src/shared/anchoring/text-quote';
import type { Annotation } from '../../src/shared/annotation/annotation-model';
import { canonicalText } from '../../src/shared/article/article-model';
import { ANCHOR_LABEL, claimSaveAdds, saveKind } from './crash-plan';

function say(line: string): void {
  // Pipes are synchronous on POSIX: once this returns, the parent can read the line even if
  // SIGKILL arrives on the next instruction.
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  say(`fail ${message.replace(/\s+/g, ' ')}`);
  process.exit(3);
}

async function main(): Promise<void> {
  const [dataDir, resourcesDir, firstArg] = process.argv.slice(2);
  if (!dataDir || !resourcesDir || !firstArg)
    fail('usage: crash-writer <dataDir> <resourcesDir> <firstSave>');
  await acquireDataDirLock(dataDir, { owner: 'crash writer' });
  const library = await openFactmark({ dataDir, resourcesDir });
  for (const notice of library.store.notices) say(`notice ${notice.message}`);
  const listed = await call(library.dispatch, 'getLibrary', {});
  if (!listed.ok) fail(listed.error.message);
  const articleId = listed.value.articles[0]?.id;
  if (!articleId) fail('no article');
  const record = await call(library.dispatch, 'getArticle', { articleId });
  if (!record.ok) fail(record.error.message);
  const anchor = record.value.annotations.find((a) => a.labels.includes(ANCHOR_LABEL));
  if (!anchor) fail('no anchor claim');
  const text = canonicalText(record.value.article.blocks);
  const settings = await call(library.dispatch, 'getSettings', {});
  if (!settings.ok) fail(settings.error.message);
  const taxonomy = settings.value.taxonomy;

  say('ready');
  for (let n = Number(firstArg); ; n++) {
    const kind = saveKind(n);
    let result;
    if (kind === 'note') {
      result = await library.dispatch('updateAnnotation', {
        articleId,
        annotationId: anchor.id,
        patch: { note: `save ${n}` },
      });
    } else if (kind === 'settings') {
      result = await library.dispatch('setTaxonomy', {
        taxonomy: { ...taxonomy, presetId: `save-${n}` },
      });
    } else if (claimSaveAdds(n)) {
      const start = (n * 7) % 30;
      const now = new Date().toISOString();
      const claim: Annotation = {
        id: `claim-${n}`,
        start,
        end: start + 5,
        quote: buildTextQuote(text, start, start + 5),
        verdictId: null,
        status: 'unreviewed',
        summary: text.slice(start, start + 5),
        note: `save ${n}`,
        labels: [],
        evidence: [],
        anchor: 'anchored',
        createdAt: now,
        updatedAt: now,
      };
      result = await library.dispatch('restoreAnnotation', { articleId, annotation: claim });
    } else {
      result = await library.dispatch('deleteAnnotation', {
        articleId,
        annotationId: `claim-${n - 3}`,
      });
    }
    if (!result.ok) fail(`save ${n} (${kind}): ${result.error.code}: ${result.error.message}`);
    say(`ack ${n}`);
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
