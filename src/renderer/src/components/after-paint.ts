/** How long to wait for a frame before going on without one (hidden windows get no frames). */
const FRAME_FALLBACK_MS = 100;

/** The callbacks waiting for a frame that has not come yet; null when none wait. */
let open: (() => void)[] | null = null;

/**
 * Runs `callback` right after the next paint: a frame callback runs before the paint, and a task
 * queued from it runs after. Work that need not be on screen first (sending a save, ending a
 * measure) is scheduled so, and the frame that shows the user's change is not kept waiting. Every
 * callback asked for before that paint shares one frame request and one task, in order. A window
 * that paints no frames (hidden, minimised) still runs them, after a short delay.
 */
export function afterNextPaint(callback: () => void): void {
  if (open) {
    open.push(callback);
    return;
  }
  const batch = [callback];
  open = batch;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    if (open === batch) open = null;
    for (const each of batch) each();
  };
  const fallback = setTimeout(run, FRAME_FALLBACK_MS);
  requestAnimationFrame(() => {
    // Callbacks asked for from now on wait for the paint after this one.
    if (open === batch) open = null;
    setTimeout(run, 0);
  });
}

/** Waiters of `nextPaintSettled` not yet released. */
const settling = new Set<() => void>();

/**
 * Resolves after the next paint, once the other work waiting for that paint has run: for work
 * that can wait longest, such as sending a save whose change is already on screen. A page being
 * left (closed, reloaded) releases every waiter at once, so no such save is lost with it.
 */
export function nextPaintSettled(): Promise<void> {
  return new Promise((resolve) => {
    const release = () => {
      if (settling.delete(release)) resolve();
    };
    settling.add(release);
    afterNextPaint(() => setTimeout(release, 0));
  });
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    for (const release of [...settling]) release();
  });
}
