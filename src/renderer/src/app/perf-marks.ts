import { afterNextPaint } from '../components/after-paint';

/**
 * Performance marks around the interactions the benchmarks time (`npm run bench` reads them with
 * performance.getEntriesByName): from the user's action to the frame that shows its result.
 */
const started = new Set<string>();

/** Marks the start of an interaction, e.g. `factmark:open-article`. */
export function beginInteraction(name: string): void {
  performance.mark(`${name}:start`);
  started.add(name);
}

/** Ends an interaction after the next paint; does nothing when none is under way. */
export function endInteractionAfterPaint(name: string): void {
  if (!started.delete(name)) return;
  afterNextPaint(() => {
    performance.mark(`${name}:end`);
    performance.measure(name, `${name}:start`, `${name}:end`);
  });
}
