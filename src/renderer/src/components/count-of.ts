/** "1 claim", "3 claims": a count with its noun, plural unless one. */
export function countOf(n: number, noun = 'claim'): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
