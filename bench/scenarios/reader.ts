import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, CDPSession, Page } from '@playwright/test';
import type { ArticleRecord } from '../../src/main/store/store-types';
import {
  afterNextPaint,
  collectPageErrors,
  VIEWPORT,
  type PageNode,
  type PageText,
  type PageWindow,
} from '../lib/browser';
import type { BenchConfig } from '../lib/config';
import { makeTempDir, removeDir, writeLibrary } from '../lib/data-dir';
import {
  interactionScript,
  keyFrameWork,
  SCRIPT_TRACE_CATEGORIES,
  TRACE_CATEGORIES,
  traceEvents,
} from '../lib/trace';
import { longArticleRecord, shortArticleRecord } from '../lib/generate';
import { errorRow, figureRow, measuredRow, median, type ResultRow } from '../lib/results';
import { startWebHost } from '../lib/web-host';

const OPEN = 'factmark:open-article';
const CREATE = 'factmark:create-highlight';

/** Which of the reader scenarios to run: 1 (open), 2 (create, typing), 7 (heap). */
export interface ReaderSelection {
  open: boolean;
  create: boolean;
  heap: boolean;
}

/** Waits (polling, not sleeping) until the page holds a `measure` named `name`; returns it. */
async function waitForMeasure(page: Page, name: string, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const w = globalThis as unknown as PageWindow;
      const entries = w.performance.getEntriesByName(wanted, 'measure');
      return entries.length > 0 ? (entries[entries.length - 1]?.duration ?? 0) : false;
    },
    name,
    { polling: 20, timeout },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Clicks the library entry titled `title` and waits for both the app's open-article measure and
 * the harness's own observation (headline shown, highlights and every card in the DOM placed,
 * then a paint), which checks that the app's measure does not end early.
 */
async function switchArticle(
  page: Page,
  title: string,
  highlights: number,
  timeout: number,
): Promise<{ measured: number; observed: number; cards: number; fetched: number }> {
  await page.evaluate(
    ({ open, title, highlights }) => {
      const w = globalThis as unknown as PageWindow;
      w.performance.clearMeasures(open);
      w.performance.clearResourceTimings();
      const state = { clickAt: 0, paintedAt: 0, cards: 0 };
      w.factmarkBench = state;
      const ready = () => {
        const h1 = w.document.querySelector('main article h1');
        if (h1?.textContent !== title) return false;
        if (highlights > 0 && !w.document.querySelector('main article mark')) return false;
        const cards = w.document.querySelectorAll('aside [data-annotation-id]');
        if (highlights > 0 && cards.length === 0) return false;
        for (const card of cards) if (card.style.visibility === 'hidden') return false;
        state.cards = cards.length;
        return true;
      };
      const poll = () =>
        w.requestAnimationFrame(() => {
          if (!ready()) return poll();
          w.setTimeout(() => (state.paintedAt = w.performance.now()), 0);
        });
      w.document.addEventListener(
        'click',
        () => {
          state.clickAt = w.performance.now();
          poll();
        },
        { capture: true, once: true },
      );
    },
    { open: OPEN, title, highlights },
  );
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('button')
    .filter({ hasText: title })
    .click();
  const measured = await waitForMeasure(page, OPEN, timeout);
  const observed = await page.waitForFunction(
    () => {
      const state = (globalThis as unknown as PageWindow).factmarkBench as {
        clickAt: number;
        paintedAt: number;
        cards: number;
      };
      return state.paintedAt > 0 ? state : false;
    },
    undefined,
    { polling: 20, timeout },
  );
  const state = (await observed.jsonValue()) as {
    clickAt: number;
    paintedAt: number;
    cards: number;
  };
  // The article's fetch (request to last byte, as Resource Timing saw it), for the breakdown.
  const fetched = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const entries = w.performance.getEntriesByType('resource');
    return entries.filter((entry) => entry.name.endsWith('/api/getArticle')).at(-1)?.duration ?? 0;
  });
  return { measured, observed: state.paintedAt - state.clickAt, cards: state.cards, fetched };
}

/**
 * Runs `measure`, recording a CPU profile of the page meanwhile when `--profile DIR` was given
 * (DIR/<name>.cpuprofile, for Chrome DevTools' Performance panel or any .cpuprofile viewer).
 */
async function profiled<T>(
  page: Page,
  cdp: CDPSession,
  config: BenchConfig,
  name: string,
  measure: () => Promise<T>,
  /** The scenario records its own trace (2b, 2d): only the CPU profile is taken here. */
  tracesItself = false,
): Promise<T> {
  const dir = config.profileDir;
  if (!dir) return measure();
  await mkdir(dir, { recursive: true });
  // The timeline too (frames, style, layout with the scripts that forced it, paint, the app's
  // marks): DIR/<name>.trace.json.
  const browser = tracesItself ? null : page.context().browser();
  await browser?.startTracing(page, {
    path: path.join(dir, `${name}.trace.json`),
    categories: [
      ...TRACE_CATEGORIES,
      'disabled-by-default-devtools.timeline.stack',
      'blink.user_timing',
    ],
  });
  // FACTMARK_BENCH_NO_CPU=1 records the trace alone: the sampling profiler slows the page.
  const cpu = process.env['FACTMARK_BENCH_NO_CPU'] !== '1';
  if (cpu) {
    await cdp.send('Profiler.enable');
    // Interactions last milliseconds: sample every 250 µs rather than every 1 ms.
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  try {
    return await measure();
  } finally {
    await browser?.stopTracing();
    if (cpu) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    }
  }
}

/** The number the page's pending `factmarkBench.measured` promise settles with. */
async function pageMeasured(page: Page): Promise<number> {
  return (await page.evaluate(
    () => (globalThis as unknown as PageWindow).factmarkBench?.['measured'],
  )) as number;
}

/** Used JS heap after a full garbage collection, and the DOM's node count. */
async function heapAfterGc(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heap: usage.usedSize, nodes: counters.nodes };
}

/** Main-thread time so far (CDP Performance metrics, `Performance.enable` first), in ms. */
interface MainThreadTimes {
  script: number;
  style: number;
  layout: number;
}

async function mainThreadTimes(cdp: CDPSession): Promise<MainThreadTimes> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    script: ms('ScriptDuration'),
    style: ms('RecalcStyleDuration'),
    layout: ms('LayoutDuration'),
  };
}

function since(before: MainThreadTimes, after: MainThreadTimes): MainThreadTimes {
  return {
    script: after.script - before.script,
    style: after.style - before.style,
    layout: after.layout - before.layout,
  };
}

/** "script 120 / style 30 / layout 200 ms": medians of per-interaction main-thread times. */
function describeMainThread(samples: readonly MainThreadTimes[]): string {
  const of = (key: keyof MainThreadTimes) => median(samples.map((s) => s[key])).toFixed(0);
  return `main thread: script ${of('script')} / style ${of('style')} / layout ${of('layout')} ms`;
}

/** Selects words `fromWord..toWord` of block `blockIndex` as a mouse drag would, and waits for the tag toolbar. */
async function selectWords(
  page: Page,
  record: ArticleRecord,
  blockIndex: number,
  fromWord: number,
  toWord: number,
): Promise<void> {
  const text = record.article.blocks[blockIndex]?.text ?? '';
  const words = [...text.matchAll(/\S+/g)];
  const first = words[fromWord];
  const last = words[Math.min(toWord, words.length - 1)];
  if (!first || !last) throw new Error(`block ${blockIndex} has too few words to select`);
  const start = first.index ?? 0;
  const end = (last.index ?? 0) + last[0].length;
  await page.evaluate(
    ({ blockIndex, start, end }) => {
      const w = globalThis as unknown as PageWindow;
      w.document.activeElement?.blur?.();
      const block = w.document.querySelector(`main article [data-block-index="${blockIndex}"]`);
      if (!block) throw new Error(`no block ${blockIndex}`);
      const locate = (offset: number): [PageNode, number] => {
        const walker = w.document.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
        let seen = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node as PageText).data.length;
          if (offset <= seen + length) return [node, offset - seen];
          seen += length;
        }
        throw new Error('offset past the block');
      };
      const range = w.document.createRange();
      range.setStart(...locate(start));
      range.setEnd(...locate(end));
      const selection = w.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    { blockIndex, start, end },
  );
  await page.getByRole('toolbar', { name: 'Tag claim' }).waitFor({ state: 'visible' });
}

async function measureOpen(
  page: Page,
  cdp: CDPSession,
  config: BenchConfig,
  long: ArticleRecord,
  short: ArticleRecord,
): Promise<ResultRow[]> {
  const timeout = config.quick ? 20_000 : 120_000;
  const measured: number[] = [];
  const observed: number[] = [];
  const fetched: number[] = [];
  const mainThread: MainThreadTimes[] = [];
  let cards = 0;
  for (let run = 0; run < config.runs.open; run += 1) {
    const before = await mainThreadTimes(cdp);
    const opened = await switchArticle(
      page,
      long.article.metadata.title,
      long.annotations.length,
      timeout,
    );
    mainThread.push(since(before, await mainThreadTimes(cdp)));
    measured.push(opened.measured);
    fetched.push(opened.fetched);
    observed.push(opened.observed);
    cards = opened.cards;
    await switchArticle(page, short.article.metadata.title, short.annotations.length, timeout);
  }
  // Leave the long article open for the scenarios that follow.
  await switchArticle(page, long.article.metadata.title, long.annotations.length, timeout);
  const words = config.longWords.toLocaleString('en-US');
  // The app's measure must not end before the article is on screen: if it does, say so loudly.
  const early =
    median(measured) < median(observed) - 20
      ? 'WARNING: the app measure ends well before the harness sees the article painted; '
      : '';
  return [
    measuredRow(
      '1',
      `open ${words}-word article, ${long.annotations.length.toLocaleString('en-US')} highlights`,
      'ms',
      measured,
      { kind: 'max', median: 120 },
      `${early}app measure ${OPEN}; harness-observed click→painted median ${median(observed).toFixed(0)} ms; ` +
        `the article’s fetch ${median(fetched).toFixed(0)} ms (off the critical path when reopened: shown as left, then refreshed); ` +
        `${describeMainThread(mainThread)}; ${cards} cards in DOM`,
    ),
    figureRow(
      '1b',
      'open it the first time in a window (fetched, not yet kept)',
      'ms',
      measured[0] ?? 0,
      null,
      `the first of the runs above: the window had not shown the article yet, so it waits for the fetch (${(fetched[0] ?? 0).toFixed(0)} ms)`,
    ),
  ];
}

/**
 * Where the card of the claim just made (the active one) is, read after its measure: in the
 * scroller's view, in the DOM but out of view (within the margin's overscan, rendered after the
 * paint), or not rendered (further down; its card is rendered once scrolled near).
 */
type NewCard = 'in view' | 'rendered out of view' | 'not rendered';
async function newCardState(page: Page): Promise<NewCard> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as PageWindow).document;
    const card = d.querySelector('.margin__cards .card--active');
    const view = d.querySelector('.desk__scroll')?.getBoundingClientRect();
    if (!card || !view) return 'not rendered';
    const box = card.getBoundingClientRect();
    return box.bottom > view.top && box.top < view.bottom ? 'in view' : 'rendered out of view';
  });
}

/** 2b's script time by where the new card landed (a card rendered in the frame costs its render). */
function describeByCard(samples: readonly number[], cards: readonly NewCard[]): string {
  const kinds: NewCard[] = ['in view', 'rendered out of view', 'not rendered'];
  const parts = kinds.flatMap((kind) => {
    const values = samples.filter((_, i) => cards[i] === kind);
    return values.length ? [`${kind} ${values.length}× (${median(values).toFixed(2)} ms)`] : [];
  });
  return `script by where the new card landed: ${parts.join(', ')}`;
}

/**
 * Scenario 2e: what any key press costs to reach the screen on the same page, measured the way
 * the app measures 2a (key down to a task after the next paint), for a change that does no app
 * work: a class toggled on <body>, which restyles the page. The floor under 2a.
 */
async function measureKeyFloor(
  page: Page,
  cdp: CDPSession,
  runs: number,
): Promise<{ samples: number[]; script: number[] }> {
  const samples: number[] = [];
  const script: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      w.factmarkBench = {
        measured: new Promise<number>((resolve) =>
          w.document.addEventListener(
            'keydown',
            () => {
              const pressed = w.performance.now();
              w.document.body.classList.toggle('bench-floor-probe');
              w.requestAnimationFrame(() =>
                w.setTimeout(() => resolve(w.performance.now() - pressed), 0),
              );
            },
            { once: true, capture: true },
          ),
        ),
      };
    });
    const before = await mainThreadTimes(cdp);
    // A key the app gives no meaning to.
    await page.keyboard.press('F8');
    samples.push(await pageMeasured(page));
    script.push(since(before, await mainThreadTimes(cdp)).script);
    await afterNextPaint(page);
  }
  return { samples, script };
}

/**
 * A fixed piece of script like the app's (objects, a sort, a map, strings) timed in the page: how
 * fast the machine runs script at the moment, for reading 2b against. Lower is faster.
 */
async function pageSpeedProbe(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const started = w.performance.now();
    const items: { id: string; start: number; text: string }[] = [];
    for (let i = 0; i < 5000; i += 1)
      items.push({ id: `c${(i * 7919) % 5000}`, start: (i * 104729) % 100000, text: `claim ${i}` });
    items.sort((a, b) => a.start - b.start);
    const byId = new Map(items.map((item) => [item.id, item]));
    let length = 0;
    for (const item of items) length += byId.get(item.id)?.text.length ?? 0;
    length += items.map((item) => item.id).join(' ').length;
    const ms = w.performance.now() - started;
    return length > 0 ? ms : NaN;
  });
}

async function measureCreate(
  page: Page,
  cdp: CDPSession,
  config: BenchConfig,
  long: ArticleRecord,
): Promise<ResultRow[]> {
  const timeout = config.quick ? 20_000 : 60_000;
  const durations: number[] = [];
  const mainThread: MainThreadTimes[] = [];
  const withSave: number[] = [];
  const speed: number[] = [];
  // Where each new claim's card landed: in view, or below it (the cards of the claims before it
  // fill the margin there), where it is not in the DOM until scrolled near.
  const newCards: NewCard[] = [];
  const firstParagraph = long.article.blocks.findIndex((b) => b.kind === 'paragraph');
  // Traced, to count 2b's script from the key press to the measure's end exactly (lib/trace.ts).
  const browser = page.context().browser();
  await browser?.startTracing(page, { categories: SCRIPT_TRACE_CATEGORIES });
  let trace: string | undefined;
  try {
    for (let run = 0; run < config.runs.create; run += 1) {
      await selectWords(page, long, firstParagraph + (run % 3), 1 + run * 3, 5 + run * 3);
      await page.evaluate(
        (name) => (globalThis as unknown as PageWindow).performance.clearMeasures(name),
        CREATE,
      );
      // The page resolves a promise when the measure lands: no polling adds script time to 2b.
      await page.evaluate((name) => {
        const w = globalThis as unknown as PageWindow;
        w.factmarkBench = {
          measured: new Promise<number>((resolve) => {
            const observer = new w.PerformanceObserver((list) => {
              const entry = list.getEntries().find((e) => e.name === name);
              if (!entry) return;
              observer.disconnect();
              resolve(entry.duration);
            });
            observer.observe({ type: 'measure' });
          }),
        };
      }, CREATE);
      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/api/createAnnotation'),
        { timeout },
      );
      const before = await mainThreadTimes(cdp);
      await page.keyboard.press('1');
      durations.push(await pageMeasured(page));
      // 2b: the script until the claim is on screen (its save is sent after that paint).
      mainThread.push(since(before, await mainThreadTimes(cdp)));
      newCards.push(await newCardState(page));
      // And all the script the new claim causes: its save acknowledged and shown as stored.
      await saved;
      await afterNextPaint(page);
      withSave.push(since(before, await mainThreadTimes(cdp)).script);
      await page.getByRole('toolbar', { name: 'Tag claim' }).waitFor({ state: 'hidden' });
      await afterNextPaint(page);
      speed.push(await pageSpeedProbe(page));
    }
  } finally {
    trace = (await browser?.stopTracing())?.toString('utf8');
  }
  if (trace && config.profileDir)
    await writeFile(path.join(config.profileDir, 'create.trace.json'), trace);
  const script = trace ? interactionScript(traceEvents(trace), CREATE) : [];
  if (script.length !== durations.length)
    throw new Error(`the trace holds ${script.length} ${CREATE} measures, not ${durations.length}`);
  const scriptWall = script.map((s) => s.wall);
  const floor = await measureKeyFloor(page, cdp, config.runs.create);
  const rows = [
    measuredRow(
      '2a',
      `create highlight with ${long.annotations.length.toLocaleString('en-US')} present (key→paint)`,
      'ms',
      durations,
      { kind: 'max', median: 20, p95: 50 },
      `app measure ${CREATE}; the claim is shown before its save is acknowledged (optimistic)`,
    ),
    measuredRow(
      '2b',
      'create highlight: script time',
      'ms',
      scriptWall,
      { kind: 'max', median: 4 },
      `the page's script from the key press to the measure’s end (the paint showing the claim), from a trace; ` +
        `the thread's CPU time in it ${median(script.map((s) => s.cpu)).toFixed(2)} ms; ` +
        `CDP ScriptDuration delta, read over DevTools after the measure (so with whatever ran before the read) ${median(mainThread.map((m) => m.script)).toFixed(2)} ms; ` +
        `${describeMainThread(mainThread)}; until its save is also acknowledged and shown as stored: script ${median(withSave).toFixed(1)} ms (CDP); ` +
        describeByCard(scriptWall, newCards) +
        `; the machine's speed meanwhile: a fixed 5,000-object script took ${median(speed).toFixed(2)} ms in the page (lower is faster)`,
    ),
    measuredRow(
      '2e',
      'any key→paint on the same page (a class toggled on <body>)',
      'ms',
      floor.samples,
      null,
      'the floor under 2a: waiting for the next frame, restyling and painting the page, with no app work; ' +
        `its CDP ScriptDuration delta (the harness’s own calls) ${median(floor.script).toFixed(2)} ms`,
    ),
  ];
  return rows;
}

/** Scenario 2c/2d: typing in a new claim's note (N opens it), watching every frame. */
async function measureTyping(
  page: Page,
  config: BenchConfig,
  long: ArticleRecord,
): Promise<ResultRow[]> {
  const timeout = config.quick ? 20_000 : 60_000;
  const rows: ResultRow[] = [];
  const firstParagraph = long.article.blocks.findIndex((b) => b.kind === 'paragraph');
  await selectWords(page, long, firstParagraph + 3, 2, 6);
  await page.keyboard.press('n');
  await page.waitForFunction(
    () => (globalThis as unknown as PageWindow).document.activeElement?.tagName === 'TEXTAREA',
    undefined,
    { polling: 20, timeout },
  );
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    const state = {
      latencies: [] as number[],
      longTasks: [] as { start: number; duration: number }[],
      slowEvents: [] as number[],
      typingFrom: Infinity,
    };
    w.factmarkBench = state;
    new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask' });
    new w.PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.duration > 16) state.slowEvents.push(entry.duration);
    }).observe({ type: 'event', durationThreshold: 16 });
    w.document.addEventListener(
      'keydown',
      () => {
        const pressed = w.performance.now();
        w.requestAnimationFrame(() =>
          w.setTimeout(() => state.latencies.push(w.performance.now() - pressed), 0),
        );
      },
      true,
    );
  });
  // Traced, to know the main thread's work behind each key's frame (see lib/trace.ts).
  const browser = page.context().browser();
  await browser?.startTracing(page, { categories: TRACE_CATEGORIES });
  const typed = 'Checked the figure against the ONS release, table 4 - close enough'.slice(
    0,
    config.typedChars,
  );
  // The note saves itself after a pause: wait for that save and the repaint after it.
  const saved = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/updateAnnotation') &&
      (response.request().postData() ?? '').includes(JSON.stringify(typed).slice(1, -1)),
    { timeout },
  );
  let trace: string | undefined;
  try {
    // Long tasks before this (the note opening, its card placed) are not the typing's.
    await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      (w.factmarkBench as { typingFrom: number }).typingFrom = w.performance.now();
    });
    await page.keyboard.type(typed, { delay: 80 });
    await saved;
    await afterNextPaint(page);
    await afterNextPaint(page);
  } finally {
    trace = (await browser?.stopTracing())?.toString('utf8');
  }
  if (trace && config.profileDir)
    await writeFile(path.join(config.profileDir, 'type.trace.json'), trace);
  const work = trace ? keyFrameWork(traceEvents(trace)) : [];
  const cpu = work.map((frame) => frame.cpu);
  const wall = work.map((frame) => frame.wall);
  const dropped = cpu.filter((ms) => ms > 16);
  const slowByClock = work.filter((frame) => frame.wall > 16);
  const typing = (await page.evaluate(
    () => (globalThis as unknown as PageWindow).factmarkBench,
  )) as {
    latencies: number[];
    longTasks: { start: number; duration: number }[];
    slowEvents: number[];
    typingFrom: number;
  };
  const whileTyping = typing.longTasks.filter(
    (task) => task.start + task.duration > typing.typingFrom,
  );
  const before = typing.longTasks.length - whileTyping.length;
  const longest = Math.max(0, ...whileTyping.map((task) => task.duration));
  rows.push(
    measuredRow(
      '2c',
      `typing in a note (${typed.length} keys, with autosave)`,
      'ms',
      typing.latencies,
      null,
      'keydown→next paint per key (includes waiting for the next frame, up to 16.7 ms)',
    ),
    figureRow(
      '2d',
      'typing: frames over 16 ms',
      'frames',
      work.length > 0 ? dropped.length + whileTyping.length : NaN,
      { kind: 'max', median: 0 },
      `keys whose frame took >16 ms of main-thread work (the thread's CPU time), from a trace (${work.length} keys; ` +
        `median ${median(cpu).toFixed(1)} ms, most ${Math.max(0, ...cpu).toFixed(1)} ms); ` +
        `by the wall clock, which adds the time the OS ran other threads on the core mid-task, ` +
        `median ${median(wall).toFixed(1)} ms, most ${Math.max(0, ...wall).toFixed(1)} ms, ${slowByClock.length} over 16 ms` +
        (slowByClock.length > 0
          ? ` (their CPU time ${slowByClock.map((frame) => frame.cpu.toFixed(1)).join(', ')} ms)`
          : '') +
        '; ' +
        `${whileTyping.length} long tasks >50 ms while typing (longest ${longest.toFixed(0)} ms, PerformanceObserver` +
        (before > 0 ? `; ${before} more before the first key, as the note opened` : '') +
        '); ' +
        `for comparison ${typing.slowEvents.length} key events >16 ms from input to paint (Event Timing, which includes the wait for the next frame)`,
    ),
  );
  return rows;
}

/**
 * Scenarios 1, 2 and 7 in one browser page on one library (the long article with its highlights
 * and a short article to open it from), served by the built web host.
 */
export async function runReaderScenarios(
  config: BenchConfig,
  browser: Browser,
  selection: ReaderSelection,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const long = longArticleRecord(config.longWords, config.highlights);
  const short = shortArticleRecord();
  const dataDir = await makeTempDir('reader');
  await writeLibrary(dataDir, [short, long], short.article.id);
  const host = await startWebHost(config.root, dataDir);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const pageErrors = collectPageErrors(page);
  try {
    await page.goto(host.url);
    await page
      .locator('main article h1', { hasText: short.article.metadata.title })
      .waitFor({ timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await heapAfterGc(cdp);

    let opened = false;
    try {
      rows.push(
        ...(await profiled(page, cdp, config, 'open', () =>
          measureOpen(page, cdp, config, long, short),
        )),
      );
      opened = true;
    } catch (error) {
      rows.push(errorRow('1', 'open long article', error));
    }
    if (selection.heap) {
      try {
        if (!opened) throw new Error('the long article could not be opened (scenario 1)');
        const samples: number[] = [];
        let nodes = 0;
        for (let i = 0; i < 3; i += 1) {
          const measured = await heapAfterGc(cdp);
          samples.push(measured.heap / 1e6);
          nodes = measured.nodes;
        }
        rows.push(
          measuredRow(
            '7',
            `renderer JS heap, ${long.annotations.length.toLocaleString('en-US')}-highlight article open`,
            'MB',
            samples,
            { kind: 'max', median: 60 },
            `after GC (CDP Runtime.getHeapUsage); ${(before.heap / 1e6).toFixed(1)} MB with the short article; DOM nodes ${nodes} (short: ${before.nodes})`,
          ),
        );
      } catch (error) {
        rows.push(errorRow('7', 'renderer JS heap', error));
      }
    }
    if (selection.create) {
      try {
        if (!opened) throw new Error('the long article could not be opened (scenario 1)');
        rows.push(
          ...(await profiled(
            page,
            cdp,
            config,
            'create',
            () => measureCreate(page, cdp, config, long),
            true,
          )),
          ...(await profiled(
            page,
            cdp,
            config,
            'type',
            () => measureTyping(page, config, long),
            true,
          )),
        );
      } catch (error) {
        rows.push(errorRow('2', 'create highlight / typing', error));
      }
    }
  } finally {
    await context.close();
    await host.stop();
    await removeDir(dataDir);
  }
  if (pageErrors.length > 0) {
    const first = rows.find((row) => row.id === '1') ?? rows[0];
    if (first) first.note += `; page errors: ${pageErrors.slice(0, 2).join(' | ')}`;
  }
  if (!selection.open) return rows.filter((row) => row.id !== '1' && row.id !== '1b');
  return rows;
}
