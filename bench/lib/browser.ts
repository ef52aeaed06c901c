import { chromium, type Browser, type Page } from '@playwright/test';

/** Debian's Chromium: Playwright never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env['FACTMARK_CHROMIUM'] ?? '/usr/bin/chromium';

/** Launches headless Chromium the way the e2e tests do. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The viewport of the e2e tests: a laptop-sized window. */
export const VIEWPORT = { width: 1400, height: 900 };

/**
 * The few DOM features the in-page callbacks use. The harness is type-checked as Node code (no
 * DOM library), so callbacks reach the page through `globalThis as unknown as PageWindow`.
 */
export interface PageNode {
  nodeType: number;
  textContent: string | null;
}
export interface PageText extends PageNode {
  data: string;
}
export interface PageElement extends PageNode {
  tagName: string;
  value?: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
  matches(selector: string): boolean;
  blur?(): void;
  style: { visibility: string };
  getBoundingClientRect(): { top: number; bottom: number };
}
export interface PageEntry {
  name: string;
  entryType: string;
  startTime: number;
  duration: number;
}
export interface PageWindow {
  document: {
    activeElement: PageElement | null;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement> & { length: number };
    createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
    createRange(): {
      setStart(node: PageNode, offset: number): void;
      setEnd(node: PageNode, offset: number): void;
    };
    addEventListener(
      type: string,
      listener: () => void,
      options?: boolean | { capture?: boolean; once?: boolean },
    ): void;
    body: { classList: { toggle(name: string): boolean } };
  };
  getSelection(): {
    removeAllRanges(): void;
    addRange(range: ReturnType<PageWindow['document']['createRange']>): void;
  } | null;
  requestAnimationFrame(callback: (time: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
  performance: {
    now(): number;
    getEntriesByName(name: string, type?: string): PageEntry[];
    clearMeasures(name?: string): void;
    getEntriesByType(type: string): PageEntry[];
    clearResourceTimings(): void;
    memory?: { usedJSHeapSize: number };
  };
  PerformanceObserver: new (callback: (list: { getEntries(): PageEntry[] }) => void) => {
    observe(options: { type: string; buffered?: boolean; durationThreshold?: number }): void;
    disconnect(): void;
  };
  /** State the harness leaves in the page between calls. */
  factmarkBench?: Record<string, unknown>;
}

/** Page errors and console errors, so a broken page shows up in the notes instead of a hang. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Resolves after the page has painted a frame: a frame callback, then a task after its paint. */
export function afterNextPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const w = globalThis as unknown as PageWindow;
        w.requestAnimationFrame(() => w.setTimeout(() => resolve(w.performance.now()), 0));
      }),
  );
}
