import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('KeyedQueue', () => {
  it('runs read-modify-write tasks on one key without losing an update', async () => {
    const queue = new KeyedQueue();
    const record = { a: 0, b: 0 };
    const change = (field: 'a' | 'b') =>
      queue.run('article', async () => {
        const copy = { ...record };
        await tick();
        copy[field] += 1;
        Object.assign(record, copy);
      });
    await Promise.all([change('a'), change('b'), change('a')]);
    expect(record).toEqual({ a: 2, b: 1 });
  });

  it('keeps going after a task fails, and runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const failing = queue.run('x', async () => {
      order.push('x1');
      throw new Error('disk full');
    });
    const other = queue.run('y', async () => {
      order.push('y1');
    });
    const next = queue.run('x', async () => {
      order.push('x2');
      return 42;
    });
    await expect(failing).rejects.toThrow('disk full');
    await other;
    expect(await next).toBe(42);
    expect(order.indexOf('x1')).toBeLessThan(order.indexOf('x2'));
  });
});
