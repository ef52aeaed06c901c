/**
 * Main-thread work per key press, read from a Chromium trace (`browser.startTracing` with the
 * TRACE_CATEGORIES below): for each keydown, the time the renderer's main thread spent busy from
 * the key's dispatch to the end of the frame that showed it (input handlers, React, style, layout,
 * paint), idle gaps such as the wait for the next vsync left out. A key whose frame took more than
 * 16 ms of such work is a frame the app dropped.
 */

/** Categories that record every main-thread task, input event and frame commit. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/** The trace's events, from the JSON `browser.stopTracing` returns. */
export function traceEvents(json: string): TraceEvent[] {
  const parsed = JSON.parse(json) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Main-thread busy time (ms) per keydown, in order. */
export function keyFrameWork(events: readonly TraceEvent[]): number[] {
  // The renderer's main thread is the one that dispatched the key events.
  const keys = events.filter(
    (e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'keydown',
  );
  const first = keys[0];
  if (!first) return [];
  const onMain = (e: TraceEvent) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X';
  const tasks = events.filter((e) => onMain(e) && e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  // The main thread's part of a frame ends when it hands the frame to the compositor.
  const commits = events
    .filter((e) => onMain(e) && (e.name === 'Commit' || e.name === 'Layerize'))
    .sort((a, b) => a.ts - b.ts);
  return keys.map((key) => {
    const commit = commits.find((c) => c.ts > key.ts);
    const end = commit ? commit.ts + (commit.dur ?? 0) : key.ts + (key.dur ?? 0);
    let busy = 0;
    for (const task of tasks) {
      const from = Math.max(task.ts, key.ts);
      const to = Math.min(task.ts + (task.dur ?? 0), end);
      if (to > from) busy += to - from;
    }
    return busy / 1000;
  });
}
