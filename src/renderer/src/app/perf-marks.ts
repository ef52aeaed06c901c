import { afterNextPaint } from '../components/after-paint';

/**
 * Performance measures of the interactions the benchmarks time (`npm run bench` reads them with
 * performance.getEntriesByName): from the user's action to the frame that shows its result.
 * The start is only a timestamp, and the measure is made at the end from it: one User Timing call
 * per interaction, as each costs tens of microseconds while the page is traced.
 */
const started = new Map<string, number>();

/** Starts timing an interaction, e.g. `factmark:open-article`. */
export function beginInteraction(name: string): void {
  started.set(name, performance.now());
}

/** Ends an interaction after the next paint; does nothing when none is under way. */
export function endInteractionAfterPaint(name: string): void {
  const start = started.get(name);
  if (start === undefined) return;
  started.delete(name);
  afterNextPaint(() => performance.measure(name, { start, end: performance.now() }));
}
