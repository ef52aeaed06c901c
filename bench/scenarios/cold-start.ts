import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { openFactmark } from '../../src/main/services/open-factmark';
import { afterNextPaint, VIEWPORT, type PageWindow } from '../lib/browser';
import type { BenchConfig } from '../lib/config';
import { makeTempDir, removeDir } from '../lib/data-dir';
import { figureRow, measuredRow, median, type ResultRow } from '../lib/results';
import { startWebHost } from '../lib/web-host';

/**
 * One cold start: with a browser tab already open (as the user's browser is), spawn the host,
 * load its URL in that tab, and wait for the sample's headline painted. The tab is made before
 * the clock starts: opening a browser window is the browser's cost, not the host's.
 */
async function coldStart(
  config: BenchConfig,
  browser: Browser,
  dataDir: string,
): Promise<{ total: number; hostReady: number }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    const started = performance.now();
    const host = await startWebHost(config.root, dataDir);
    try {
      await page.goto(host.url, { waitUntil: 'commit' });
      await page.waitForFunction(
        () => {
          const h1 = (globalThis as unknown as PageWindow).document.querySelector(
            'main article h1',
          );
          return !!h1 && (h1.textContent ?? '').length > 0;
        },
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      await afterNextPaint(page);
      return { total: performance.now() - started, hostReady: host.readyMs };
    } finally {
      await host.stop();
    }
  } finally {
    await context.close();
  }
}

/** The renderer's JavaScript, each file gzipped as a server would send it (bytes). */
async function rendererJsGzip(root: string): Promise<{ gzip: number; raw: number; files: number }> {
  const assets = path.join(root, 'out', 'renderer', 'assets');
  const names = (await readdir(assets)).filter((name) => name.endsWith('.js'));
  let gzip = 0;
  let raw = 0;
  for (const name of names) {
    const bytes = await readFile(path.join(assets, name));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { gzip, raw, files: names.length };
}

/**
 * Scenario 6: cold start of the web host process to the sample article painted in Chromium, and
 * the size of the renderer's JavaScript, on a library where the sample is already seeded.
 */
export async function runColdStartScenario(
  config: BenchConfig,
  browser: Browser,
): Promise<ResultRow[]> {
  const dataDir = await makeTempDir('cold');
  try {
    // First launch seeds the sample article; the timed launches open an existing library.
    const seeding = await openFactmark({
      dataDir,
      resourcesDir: path.join(config.root, 'resources'),
    });
    await seeding.close();
    const totals: number[] = [];
    const ready: number[] = [];
    for (let run = 0; run < config.runs.coldStart; run += 1) {
      const { total, hostReady } = await coldStart(config, browser, dataDir);
      totals.push(total);
      ready.push(hostReady);
    }
    const js = await rendererJsGzip(config.root);
    return [
      measuredRow(
        '6a',
        'cold start: web host spawn → sample article painted',
        'ms',
        totals,
        { kind: 'max', median: 1500 },
        `host ready (URL printed) median ${median(ready).toFixed(0)} ms; a fresh browser tab per run, opened before the clock starts`,
      ),
      figureRow(
        '6b',
        'renderer JavaScript, gzip',
        'kB',
        js.gzip / 1000,
        { kind: 'max', median: 250 },
        `${js.files} file(s) in out/renderer/assets, ${(js.raw / 1000).toFixed(0)} kB before gzip`,
      ),
    ];
  } finally {
    await removeDir(dataDir);
  }
}
