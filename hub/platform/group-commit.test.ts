import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

class Down extends Error {}

describe('group commit', () => {
  it('runs what arrives together as one batch, and no more batches at once than allowed', async () => {
    const batches: number[][] = [];
    let running = 0;
    let most = 0;
    const submit = groupCommit<number, number>(
      async (items) => {
        running++;
        most = Math.max(most, running);
        batches.push(items);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return items.map((i) => i * 10);
      },
      { maxBatch: 4, maxInFlight: 2, isFatal: () => false },
    );
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => submit(i)));
    expect(out).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(batches.flat()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches.every((b) => b.length <= 4)).toBe(true);
    expect(batches.length).toBeLessThan(10);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('runs a failed batch again item by item, so that one bad item fails alone', async () => {
    const submit = groupCommit<string, string>(
      async (items) => {
        if (items.includes('bad')) throw new Error('rejected by the database');
        return items.map((i) => i.toUpperCase());
      },
      { maxBatch: 10, maxInFlight: 1, isFatal: (err) => err instanceof Down },
    );
    const out = await Promise.allSettled(['a', 'bad', 'c'].map((i) => submit(i)));
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(out[0]).toMatchObject({ value: 'A' });
  });

  it('fails the whole batch at once when storage is down (nothing is answered)', async () => {
    let runs = 0;
    const submit = groupCommit<string, string>(
      async () => {
        runs++;
        throw new Down('connection refused');
      },
      { maxBatch: 10, maxInFlight: 1, isFatal: (err) => err instanceof Down },
    );
    const out = await Promise.allSettled(['a', 'b', 'c'].map((i) => submit(i)));
    expect(out.every((o) => o.status === 'rejected')).toBe(true);
    expect(runs).toBe(1);
  });
});
