import { describe, expect, it } from 'vitest';
import { createValueStore } from './value-store';

describe('createValueStore', () => {
  it('tells its subscribers when the value changes, and only then', () => {
    const store = createValueStore<number | undefined>(undefined);
    const seen: (number | undefined)[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.get()));
    store.set(3);
    store.set(3);
    store.set(4);
    unsubscribe();
    store.set(5);
    expect(seen).toEqual([3, 4]);
    expect(store.get()).toBe(5);
  });
});
