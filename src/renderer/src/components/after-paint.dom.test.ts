import { afterEach, describe, expect, it, vi } from 'vitest';

// The module registers its page-leaving listener when loaded: give it a window first. Frames
// are driven by hand (`paint`), as a browser would between tasks.
const listeners = new Map<string, () => void>();
let frames: FrameRequestCallback[] = [];
vi.stubGlobal('window', {
  addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
});
vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
  frames.push(callback);
  return frames.length;
});
const { afterNextPaint, nextPaintSettled } = await import('./after-paint');

function paint(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback(0);
}

// Each test leaves no work waiting: the next one starts with no frame requested.
afterEach(async () => {
  paint();
  await vi.runAllTimersAsync();
  frames = [];
  vi.useRealTimers();
});

describe('after-paint', () => {
  it('runs a callback in a task after the next frame, not before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ran = vi.fn();
    afterNextPaint(ran);
    await vi.advanceTimersByTimeAsync(10);
    expect(ran).not.toHaveBeenCalled();
    paint();
    expect(ran).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toHaveBeenCalledTimes(1);
    // The fallback does not run it a second time.
    await vi.advanceTimersByTimeAsync(500);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('still runs it when no frame comes (a hidden window)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ran = vi.fn();
    afterNextPaint(ran);
    await vi.advanceTimersByTimeAsync(99);
    expect(ran).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('releases work waiting for the paint at once when the page is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let released = false;
    void nextPaintSettled().then(() => (released = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(released).toBe(false);
    listeners.get('pagehide')?.();
    await Promise.resolve();
    expect(released).toBe(true);
  });

  it('otherwise releases it after the paint, behind the work queued for that paint', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const order: string[] = [];
    void nextPaintSettled().then(() => order.push('save'));
    afterNextPaint(() => order.push('measure'));
    expect(order).toEqual([]);
    paint();
    await vi.advanceTimersByTimeAsync(2);
    expect(order).toEqual(['measure', 'save']);
  });

  it('gives every callback asked for before a paint one frame request, run in order', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const order: number[] = [];
    afterNextPaint(() => order.push(1));
    afterNextPaint(() => order.push(2));
    afterNextPaint(() => order.push(3));
    expect(frames).toHaveLength(1);
    paint();
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual([1, 2, 3]);
  });

  it('makes a callback asked for after the frame began wait for the next paint', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const order: string[] = [];
    afterNextPaint(() => order.push('first'));
    paint();
    // Asked for between that frame and the task after its paint: that paint does not show it.
    afterNextPaint(() => order.push('second'));
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first']);
    paint();
    await vi.advanceTimersByTimeAsync(1);
    expect(order).toEqual(['first', 'second']);
  });
});
