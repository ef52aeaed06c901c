import { describe, expect, it } from 'vitest';
import { UndoStack } from './undo-stack';

/** A counter changed through the stack, to check undo/redo against real state. */
function counterChange(
  state: { value: number },
  delta: number,
  fails = { undo: false, redo: false },
) {
  return {
    label: `add ${delta}`,
    undo: async () => {
      if (fails.undo) return false;
      state.value -= delta;
      return true;
    },
    redo: async () => {
      if (fails.redo) return false;
      state.value += delta;
      return true;
    },
  };
}

describe('UndoStack', () => {
  it('undoes and redoes in order', async () => {
    const state = { value: 0 };
    const stack = new UndoStack();
    for (const delta of [1, 10, 100]) {
      state.value += delta;
      stack.push(counterChange(state, delta));
    }
    expect(await stack.undo()).toBe(true);
    expect(state.value).toBe(11);
    expect(await stack.undo()).toBe(true);
    expect(state.value).toBe(1);
    expect(await stack.redo()).toBe(true);
    expect(state.value).toBe(11);
    expect(stack.canRedo).toBe(true);
  });

  it('a new change clears what could be redone', async () => {
    const state = { value: 0 };
    const stack = new UndoStack();
    state.value += 1;
    stack.push(counterChange(state, 1));
    await stack.undo();
    state.value += 5;
    stack.push(counterChange(state, 5));
    expect(stack.canRedo).toBe(false);
    expect(await stack.redo()).toBe(false);
    expect(state.value).toBe(5);
  });

  it('keeps a step whose undo failed, so it can be tried again', async () => {
    const state = { value: 0 };
    const fails = { undo: true, redo: false };
    const stack = new UndoStack();
    state.value += 3;
    stack.push(counterChange(state, 3, fails));
    expect(await stack.undo()).toBe(false);
    expect(state.value).toBe(3);
    expect(stack.canUndo).toBe(true);
    fails.undo = false;
    expect(await stack.undo()).toBe(true);
    expect(state.value).toBe(0);
  });

  it('returns false with nothing to undo and drops the oldest past its limit', async () => {
    const state = { value: 0 };
    const stack = new UndoStack(2);
    expect(await stack.undo()).toBe(false);
    for (const delta of [1, 2, 4]) {
      state.value += delta;
      stack.push(counterChange(state, delta));
    }
    await stack.undo();
    await stack.undo();
    expect(await stack.undo()).toBe(false);
    expect(state.value).toBe(1);
  });
});
