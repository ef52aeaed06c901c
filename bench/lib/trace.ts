/**
 * Reading Chromium traces (`browser.startTracing` with the TRACE_CATEGORIES below).
 *
 * `keyFrameWork`: main-thread work per key press. For each keydown, the time the renderer's main thread spent busy from
 * the key's dispatch to the end of the frame that showed it (input handlers, React, style, layout,
 * paint), idle gaps such as the wait for the next vsync left out. A key whose frame took more than
 * 16 ms of such work is a frame the app dropped.
 *
 * Busy time is given twice. `wall` is the wall-clock length of the main thread's tasks; `cpu` is
 * the CPU time the thread itself ran in them (the trace's thread time). They differ when the
 * operating system runs something else on the core in the middle of a task: on a 2-core machine,
 * the compositor drawing the last frame, raster workers, the browser process, the web host or
 * another tenant. `cpu` is the work the page's script, style, layout and paint cost.
 *
 * `interactionScript`: the script run from a key press to the end of the app's measure of what it
 * started (`performance.measure`, recorded with the `blink.user_timing` category), exactly that
 * window: whatever runs after the measure ends is not counted.
 */

/** Categories that record every main-thread task, script call, input event, frame commit and measure. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
];

/**
 * Enough for `interactionScript` (script calls, input events, measures), and lighter on the page:
 * the disabled-by-default categories add, among others, a heap-size reading after every call.
 */
export const SCRIPT_TRACE_CATEGORIES = ['devtools.timeline', 'blink.user_timing'];

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  /** Thread (CPU) time of a complete event, when the trace records it. */
  tdur?: number;
  args?: { data?: { type?: string } };
}

/** One key's frame: main-thread busy time in ms, by the wall clock and in the thread's CPU time. */
export interface KeyFrameWork {
  wall: number;
  cpu: number;
}

/** The trace's events, from the JSON `browser.stopTracing` returns. */
export function traceEvents(json: string): TraceEvent[] {
  const parsed = JSON.parse(json) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Main-thread busy time per keydown, in order. */
export function keyFrameWork(events: readonly TraceEvent[]): KeyFrameWork[] {
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
    let wall = 0;
    let cpu = 0;
    for (const task of tasks) {
      const dur = task.dur ?? 0;
      const from = Math.max(task.ts, key.ts);
      const to = Math.min(task.ts + dur, end);
      if (to <= from) continue;
      wall += to - from;
      // A task cut by the window is charged its CPU time in proportion to the part inside.
      cpu += task.tdur === undefined || dur === 0 ? to - from : (task.tdur * (to - from)) / dur;
    }
    return { wall: wall / 1000, cpu: cpu / 1000 };
  });
}

/** Script time of one interaction: by the wall clock, and the thread's CPU time, in ms. */
export interface InteractionScript {
  wall: number;
  cpu: number;
}

/** Events that run the page's script; nested ones (a listener inside a dispatch) count once. */
const SCRIPT_EVENTS = new Set(['FunctionCall', 'EvaluateScript']);

/**
 * For each `performance.measure` named `measure`, in order: the page's script on the main thread
 * from the keydown that started it (the last one dispatched before the measure's start) to the
 * measure's end.
 */
export function interactionScript(
  events: readonly TraceEvent[],
  measure: string,
): InteractionScript[] {
  const keys = events
    .filter((e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);
  const first = keys[0];
  if (!first) return [];
  const starts = events
    .filter((e) => e.name === measure && e.ph === 'b')
    .sort((a, b) => a.ts - b.ts);
  const ends = events.filter((e) => e.name === measure && e.ph === 'e').sort((a, b) => a.ts - b.ts);
  // Outermost script events on the main thread, in order.
  const scripts: TraceEvent[] = [];
  let reach = -Infinity;
  for (const e of events
    .filter(
      (e) =>
        e.pid === first.pid && e.tid === first.tid && e.ph === 'X' && SCRIPT_EVENTS.has(e.name),
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    if (e.ts < reach) continue;
    scripts.push(e);
    reach = e.ts + (e.dur ?? 0);
  }
  const result: InteractionScript[] = [];
  for (const start of starts) {
    const end = ends.find((e) => e.ts >= start.ts);
    const key = keys.filter((k) => k.ts <= start.ts).at(-1);
    if (!end || !key) continue;
    let wall = 0;
    let cpu = 0;
    for (const script of scripts) {
      const dur = script.dur ?? 0;
      const from = Math.max(script.ts, key.ts);
      const to = Math.min(script.ts + dur, end.ts);
      if (to <= from) continue;
      wall += to - from;
      cpu += script.tdur === undefined || dur === 0 ? to - from : (script.tdur * (to - from)) / dur;
    }
    result.push({ wall: wall / 1000, cpu: cpu / 1000 });
  }
  return result;
}
