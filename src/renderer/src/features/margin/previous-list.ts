/**
 * Finds the items of a list in the previous version of it by walking the two together, for lists
 * that change a few items at a time (a claim added, one replaced by a new copy, one removed): each
 * unchanged item is found at once, without a lookup. Ask for every item of the new list, in order.
 */
export class PreviousList<Item extends { readonly id: string }> {
  private next = 0;

  constructor(private readonly previous: readonly Item[]) {}

  /** Where `item` (the same object) was in the previous list; -1 when it is new or a new copy. */
  indexOf(item: Item): number {
    const previous = this.previous;
    const at = this.next;
    if (previous[at] === item) {
      this.next = at + 1;
      return at;
    }
    // The previous item was removed.
    if (previous[at + 1] === item) {
      this.next = at + 2;
      return at + 1;
    }
    // A new copy of the previous item takes its place.
    if (previous[at]?.id === item.id) this.next = at + 1;
    return -1;
  }
}
