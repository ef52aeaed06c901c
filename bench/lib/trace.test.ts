import { describe, expect, it } from 'vitest';
import { interactionScript, keyFrameWork, traceEvents, type TraceEvent } from './trace';

const MAIN = { pid: 1, tid: 10 };
const OTHER = { pid: 2, tid: 20 };

/** A complete ('X') event; times in ms, written to the trace in µs as Chromium does. */
function complete(
  name: string,
  at: number,
  ms: number,
  extra: Partial<TraceEvent> = {},
  thread = MAIN,
): TraceEvent {
  return { name, ph: 'X', ts: at * 1000, dur: ms * 1000, ...thread, ...extra };
}

function keydown(at: number): TraceEvent {
  return complete('EventDispatch', at, 0.5, { args: { data: { type: 'keydown' } } });
}

describe('keyFrameWork', () => {
  it('counts the main thread’s tasks from the key to the end of its frame’s commit', () => {
    const work = keyFrameWork([
      complete('RunTask', 99, 4), // handles the key (starts just before its dispatch)
      keydown(100),
      complete('RunTask', 105, 2), // a timer inside the frame
      complete('RunTask', 110, 3), // the frame: style, layout, paint
      complete('Commit', 112, 1),
      complete('RunTask', 114, 5), // after the frame was handed over: not this key's
      complete('RunTask', 104, 50, {}, OTHER), // another process: never counted
    ]);
    expect(work).toHaveLength(1);
    // 3 ms of the first task (from the key on), the 2 ms timer, and the frame task up to the
    // commit's end at 113 (3 ms).
    expect(work[0]?.wall).toBeCloseTo(8, 5);
    expect(work[0]?.cpu).toBeCloseTo(8, 5);
  });

  it('gives the thread’s CPU time apart from the wall clock when the thread was descheduled', () => {
    const work = keyFrameWork([
      keydown(200),
      // 20 ms by the clock, of which the thread ran 6 ms (the OS ran something else meanwhile).
      complete('RunTask', 200, 20, { tdur: 6000 }),
      complete('Layerize', 219, 1, { tdur: 1000 }),
    ]);
    expect(work[0]?.wall).toBeCloseTo(20, 5);
    expect(work[0]?.cpu).toBeCloseTo(6, 5);
  });

  it('charges a task cut by the frame’s window its CPU time in proportion to the part inside', () => {
    const work = keyFrameWork([
      complete('RunTask', 290, 20, { tdur: 10_000 }), // half of it after the key
      keydown(300),
      complete('Commit', 309, 1),
    ]);
    expect(work[0]?.wall).toBeCloseTo(10, 5);
    expect(work[0]?.cpu).toBeCloseTo(5, 5);
  });

  it('gives one figure per key, in order, and none without keys', () => {
    const events = [
      keydown(100),
      complete('RunTask', 100, 2),
      complete('Commit', 103, 0.5),
      keydown(200),
      complete('RunTask', 200, 7),
      complete('Commit', 206, 0.5),
    ];
    expect(keyFrameWork(events).map((frame) => Math.round(frame.wall))).toEqual([2, 7]);
    expect(keyFrameWork(events.filter((e) => e.name !== 'EventDispatch'))).toEqual([]);
  });
});

describe('interactionScript', () => {
  const measure = (phase: 'b' | 'e', at: number): TraceEvent => ({
    name: 'app:create',
    ph: phase,
    ts: at * 1000,
    ...MAIN,
  });

  it('sums the script from the key press to the end of the measure, nested calls once', () => {
    const work = interactionScript(
      [
        keydown(100),
        complete('FunctionCall', 100.1, 1), // the key handler
        measure('b', 100.5), // the app begins its measure in the handler
        complete('FunctionCall', 101.2, 2), // a microtask: React renders
        complete('FunctionCall', 101.5, 0.5), // nested inside it: not counted again
        complete('FunctionCall', 110, 0.3, {}, OTHER), // another thread: not counted
        complete('FunctionCall', 112, 0.4), // after the paint, ending the measure
        measure('e', 112.2),
        complete('FunctionCall', 113, 3), // after the measure ended: not counted
      ],
      'app:create',
    );
    expect(work).toHaveLength(1);
    // 1 + 2 + the 0.2 ms of the last call before the measure ended.
    expect(work[0]?.wall).toBeCloseTo(3.2, 5);
  });

  it('gives the thread’s CPU time beside the wall clock, one figure per measure', () => {
    const work = interactionScript(
      [
        keydown(100),
        measure('b', 100.2),
        complete('FunctionCall', 100.1, 4, { tdur: 1500 }),
        measure('e', 106),
        keydown(200),
        measure('b', 200.2),
        complete('FunctionCall', 200.1, 2, { tdur: 2000 }),
        measure('e', 205),
      ],
      'app:create',
    );
    expect(work.map((w) => w.wall)).toEqual([4, 2]);
    expect(work.map((w) => w.cpu)).toEqual([1.5, 2]);
    expect(interactionScript([keydown(1)], 'app:create')).toEqual([]);
  });
});

describe('traceEvents', () => {
  it('reads both shapes Chromium writes: a bare array and an object with traceEvents', () => {
    const event = keydown(1);
    expect(traceEvents(JSON.stringify([event]))).toEqual([event]);
    expect(traceEvents(JSON.stringify({ traceEvents: [event], metadata: {} }))).toEqual([event]);
  });
});
