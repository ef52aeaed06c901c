/** One undoable change: how to take it back and how to do it again. Both return success. */
export interface UndoableChange {
  label: string;
  undo: () => Promise<boolean>;
  redo: () => Promise<boolean>;
}

/**
 * Linear undo/redo history. A new change clears the redo side. A step whose undo or redo fails
 * stays where it was, so the history never claims a state the store does not hold.
 */
export class UndoStack {
  private done: UndoableChange[] = [];
  private undone: UndoableChange[] = [];
  private busy = false;

  constructor(private readonly limit = 200) {}

  /** Records a change that has just been applied. */
  push(change: UndoableChange): void {
    this.done.push(change);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Takes back the latest change; resolves false when there is none or it failed. */
  async undo(): Promise<boolean> {
    return this.step(this.done, this.undone, 'undo');
  }

  /** Re-applies the latest undone change; resolves false when there is none or it failed. */
  async redo(): Promise<boolean> {
    return this.step(this.undone, this.done, 'redo');
  }

  /** Forgets everything (e.g. when another article opens). */
  clear(): void {
    this.done = [];
    this.undone = [];
  }

  private async step(
    from: UndoableChange[],
    to: UndoableChange[],
    action: 'undo' | 'redo',
  ): Promise<boolean> {
    // Steps run one at a time: a second key press waits its turn rather than racing the first.
    if (this.busy) return false;
    const change = from.pop();
    if (!change) return false;
    this.busy = true;
    try {
      const ok = await change[action]();
      (ok ? to : from).push(change);
      return ok;
    } finally {
      this.busy = false;
    }
  }
}
