import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { call } from '../src/main/api/dispatcher';
import { openFactmark } from '../src/main/services/open-factmark';
import { LOCK_FILE_NAME } from '../src/main/store/lock-file';
import { makeTempDir, removeTempDirs } from './support/files';
import { RESOURCES_DIR } from './support/paths';
import { recordResult } from './support/report';
import { callHost, killAllHosts, startHost, type HostProcess } from './support/web-host-process';

afterEach(killAllHosts);
afterAll(removeTempDirs);

/** The sample article's id and a claim on it, made through the host. */
async function claimOn(host: HostProcess): Promise<{ articleId: string; annotationId: string }> {
  const listed = await callHost(host, 'getLibrary', {});
  const articleId = (listed.result.value as { articles: { id: string }[] }).articles[0]!.id;
  const created = await callHost(host, 'createAnnotation', { articleId, start: 0, end: 5 });
  expect(created.result.ok).toBe(true);
  return { articleId, annotationId: (created.result.value as { id: string }).id };
}

/**
 * Sends an API call in two steps: the headers with `Expect: 100-continue`, and the body only once
 * the server has answered "100 Continue", which Node does when it has parsed the request and
 * handed it to the app. Between the two, `between()` runs: the request is then certainly
 * in the host's hands, not merely in a socket buffer.
 */
function callInTwoSteps(
  host: HostProcess,
  method: string,
  input: unknown,
  between: () => void,
): Promise<{ status: number; body: string } | { error: string }> {
  const body = JSON.stringify(input);
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port: host.port,
      method: 'POST',
      path: `/api/${method}`,
      agent: false,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'X-Factmark-Token': host.token,
        Expect: '100-continue',
      },
    });
    req.on('continue', () => {
      between();
      req.end(body);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', (error) => resolve({ error: error.message }));
    });
    req.on('error', (error) => resolve({ error: error.message }));
    req.flushHeaders();
  });
}

describe('quit during a pending save', () => {
  it('SIGTERM while a save is in the host finishes the save, answers it, then exits cleanly', async () => {
    const dataDir = await makeTempDir('factmark-quit-');
    const host = await startHost(dataDir);
    const { articleId, annotationId } = await claimOn(host);
    const note = 'Written just before quitting.';
    const answer = await callInTwoSteps(
      host,
      'updateAnnotation',
      { articleId, annotationId, patch: { note } },
      () => host.child.kill('SIGTERM'),
    );
    const exit = await host.exited;

    const library = await openFactmark({ dataDir, resourcesDir: RESOURCES_DIR, readOnly: true });
    const record = await call(library.dispatch, 'getArticle', { articleId });
    await library.close();
    const saved = record.ok && record.value.annotations.find((a) => a.id === annotationId)?.note;
    const answered = 'status' in answer && answer.status === 200 && JSON.parse(answer.body).ok;
    const lockLeft = existsSync(path.join(dataDir, LOCK_FILE_NAME));
    recordResult({
      area: 'SIGTERM with a save in flight',
      cases: 1,
      failures: saved === note && answered && exit.code === 0 && !lockLeft ? 0 : 1,
      dataLost: saved === note ? 0 : 1,
    });

    expect(saved, 'the save is on disk after the host exits').toBe(note);
    expect(answer, 'the client got its answer instead of a reset').toMatchObject({ status: 200 });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(lockLeft, 'the lock is released').toBe(false);
    expect(host.output().stderr).toBe('');
  });

  it('SIGTERM in the middle of a burst of saves: every answered save is on disk', async () => {
    const dataDir = await makeTempDir('factmark-quit-burst-');
    const host = await startHost(dataDir);
    const { articleId } = await claimOn(host);
    // One claim per save, so each save's fate can be checked on its own.
    const claims: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await callHost(host, 'createAnnotation', { articleId, start: i, end: i + 3 });
      claims.push((created.result.value as { id: string }).id);
    }
    // Fire every save at once and quit as soon as the first is answered: later ones may be
    // refused (the host stops accepting), but every one answered "ok" must be on disk.
    let quit = false;
    const saves = claims.map((annotationId, i) =>
      callHost(host, 'updateAnnotation', { articleId, annotationId, patch: { note: `burst ${i}` } })
        .then(
          (response) => response.result.ok,
          () => false,
        )
        .finally(() => {
          if (!quit) host.child.kill('SIGTERM');
          quit = true;
        }),
    );
    const answered = await Promise.all(saves);
    const exit = await host.exited;

    const library = await openFactmark({ dataDir, resourcesDir: RESOURCES_DIR, readOnly: true });
    const record = await call(library.dispatch, 'getArticle', { articleId });
    await library.close();
    const notes = new Map(record.ok ? record.value.annotations.map((a) => [a.id, a.note]) : []);
    const lost = claims.filter((id, i) => answered[i] && notes.get(id) !== `burst ${i}`).length;
    const answeredCount = answered.filter(Boolean).length;
    recordResult({
      area: 'SIGTERM during a burst of saves',
      cases: claims.length,
      failures: lost + (exit.code === 0 ? 0 : 1),
      dataLost: lost,
      note: `${answeredCount} answered before exit`,
    });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(answeredCount).toBeGreaterThan(0);
    expect(lost).toBe(0);
  });
});
