import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../src/shared/api/result';
import { openLibraryStore } from '../src/main/store/library-store';
import { LOCK_FILE_NAME, processIdentity } from '../src/main/store/lock-file';
import { changedFiles, makeTempDir, removeTempDirs, snapshotFiles } from './support/files';
import { ROOT_DIR } from './support/paths';
import { recordResult } from './support/report';
import {
  callHost,
  killAllHosts,
  runHostExpectingFailure,
  startHost,
  type HostProcess,
} from './support/web-host-process';

const CLI_SCRIPT = path.join(ROOT_DIR, 'out/main/cli.js');

afterEach(killAllHosts);
afterAll(removeTempDirs);

let cases = 0;
let failures = 0;
/** Counts a case for the report, then asserts it. */
function check(ok: boolean, message: string): void {
  cases++;
  if (!ok) failures++;
  expect(ok, message).toBe(true);
}
afterAll(() =>
  recordResult({ area: 'Two writers, stale and odd locks', cases, failures, dataLost: 0 }),
);

async function sampleArticleId(host: HostProcess): Promise<string> {
  const listed = await callHost(host, 'getLibrary', {});
  return (listed.result.value as { articles: { id: string }[] }).articles[0]!.id;
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI_SCRIPT, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('two writers on one data folder', () => {
  it('a second web host refuses to start, naming the first, and touches nothing', async () => {
    const dataDir = await makeTempDir('factmark-two-');
    const first = await startHost(dataDir);
    const lockBefore = await fsp.readFile(path.join(dataDir, LOCK_FILE_NAME), 'utf8');
    const before = await snapshotFiles(dataDir);
    const second = await runHostExpectingFailure(['--data-dir', dataDir, '--port', '0']);
    check(
      !second.started && second.code === 1,
      `second host exit ${second.code}, started ${second.started}`,
    );
    check(
      second.stderr.includes(
        `Another Factmark (web host, pid ${first.pid}) is using ${dataDir}. Close it first.`,
      ),
      `second host says who holds the folder: ${second.stderr}`,
    );
    check(changedFiles(before, await snapshotFiles(dataDir)).length === 0, 'no file changed');
    check(
      (await fsp.readFile(path.join(dataDir, LOCK_FILE_NAME), 'utf8')) === lockBefore,
      "the first host's lock is untouched",
    );
    // The first host still works.
    check((await callHost(first, 'getLibrary', {})).result.ok, 'the first host still answers');
  });

  it('after SIGKILL of the host, its stale lock does not stop the next one, and its saves are kept', async () => {
    const dataDir = await makeTempDir('factmark-stale-');
    const first = await startHost(dataDir);
    const articleId = await sampleArticleId(first);
    const created = await callHost(first, 'createAnnotation', { articleId, start: 0, end: 4 });
    check(created.result.ok, 'a claim is saved');
    first.child.kill('SIGKILL');
    await first.exited;
    check(existsSync(path.join(dataDir, LOCK_FILE_NAME)), 'the killed host left its lock');
    const next = await startHost(dataDir);
    const record = await callHost(next, 'getArticle', { articleId });
    const annotations = (record.result.value as { annotations: { id: string }[] }).annotations;
    check(
      annotations.some((a) => a.id === (created.result.value as { id: string }).id),
      "the killed host's acknowledged save is there",
    );
    const lock = JSON.parse(await fsp.readFile(path.join(dataDir, LOCK_FILE_NAME), 'utf8'));
    check(lock.pid === next.pid, 'the new host holds the lock');
  });

  it.runIf(process.platform === 'linux')(
    'a lock left before a reboot, whose pid now belongs to another program, does not stop the host',
    async () => {
      const dataDir = await makeTempDir('factmark-reboot-');
      // Pid 1 always runs; the lock says it was another process, started in another boot.
      await fsp.writeFile(
        path.join(dataDir, LOCK_FILE_NAME),
        JSON.stringify({
          pid: 1,
          owner: 'desktop app',
          startedAt: '2020-01-01T00:00:00.000Z',
          process: 'a-previous-boot:4242',
        }),
      );
      const host = await startHost(dataDir);
      check((await callHost(host, 'getLibrary', {})).result.ok, 'the host starts and answers');
      // The same pid with its real identity is a live holder: refused.
      host.child.kill('SIGTERM');
      await host.exited;
      await fsp.writeFile(
        path.join(dataDir, LOCK_FILE_NAME),
        JSON.stringify({
          pid: 1,
          owner: 'desktop app',
          startedAt: '',
          process: await processIdentity(1),
        }),
      );
      const refused = await runHostExpectingFailure(['--data-dir', dataDir, '--port', '0']);
      check(refused.code === 1 && refused.stderr.includes('(desktop app, pid 1)'), refused.stderr);
    },
  );

  it('a lock file that is a folder stops the host with a message naming it', async () => {
    const dataDir = await makeTempDir('factmark-lockdir-');
    await fsp.mkdir(path.join(dataDir, LOCK_FILE_NAME));
    const result = await runHostExpectingFailure(['--data-dir', dataDir, '--port', '0']);
    check(result.code === 1 && !result.started, `exit ${result.code}`);
    check(
      result.stderr.includes(path.join(dataDir, LOCK_FILE_NAME)),
      `the message names the lock file: ${result.stderr}`,
    );
  });

  it('read-only readers (store and CLI) work alongside a running host and write nothing', async () => {
    const dataDir = await makeTempDir('factmark-readers-');
    const host = await startHost(dataDir);
    const articleId = await sampleArticleId(host);
    const created = await callHost(host, 'createAnnotation', { articleId, start: 0, end: 4 });
    check(created.result.ok, 'a claim is saved');

    const before = await snapshotFiles(dataDir);
    const store = await openLibraryStore(dataDir, { readOnly: true });
    check(store.notices.length === 0, `no notices: ${JSON.stringify(store.notices)}`);
    check(store.listArticles()[0]?.claimCount === 1, 'the reader sees the saved claim');
    const refused = await store.writeSettings(store.getSettings()).then(
      () => undefined,
      (error: unknown) => error,
    );
    check(
      refused instanceof ApiFailure && refused.code === 'read-only',
      'a read-only store refuses writes',
    );
    await store.close();

    if (existsSync(CLI_SCRIPT)) {
      const listed = await runCli(['list', '--data-dir', dataDir]);
      check(listed.code === 0 && listed.stdout.includes('1 claim'), `CLI list: ${listed.stderr}`);
    }
    check(
      changedFiles(before, await snapshotFiles(dataDir)).length === 0,
      'the readers wrote nothing',
    );

    // Readers opening while the host writes never see a half-written file.
    const saves: Promise<unknown>[] = [];
    let torn = 0;
    for (let i = 0; i < 25; i++) {
      saves.push(
        callHost(host, 'updateAnnotation', {
          articleId,
          annotationId: (created.result.value as { id: string }).id,
          patch: { note: 'x'.repeat(i * 1000) },
        }),
      );
      const reader = await openLibraryStore(dataDir, { readOnly: true });
      const record = await reader.readArticle(articleId);
      if (reader.notices.length > 0 || record?.annotations.length !== 1) torn++;
      await reader.close();
    }
    await Promise.all(saves);
    check(torn === 0, `${torn} read-only opens saw a damaged file while the host wrote`);
  });
});
