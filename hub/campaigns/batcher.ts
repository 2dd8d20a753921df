interface Waiting<I, O> {
  item: I;
  resolve(out: O): void;
  reject(err: unknown): void;
}

/**
 * Items submitted by concurrent jobs of this process are handed to `run` together (up to `maxBatch`, started on the
 * next turn of the event loop), with at most `maxInFlight` batches running: each batch's database writes are a few
 * multi-row statements instead of a few per item.
 */
export function batcher<I, O>(
  run: (items: I[]) => Promise<O[]>,
  opts: { maxBatch: number; maxInFlight: number },
): (item: I) => Promise<O> {
  let waiting: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    while (inFlight < opts.maxInFlight && waiting.length > 0) {
      const batch = waiting.slice(0, opts.maxBatch);
      waiting = waiting.slice(batch.length);
      inFlight++;
      run(batch.map((w) => w.item))
        .then(
          (out) => {
            for (const [i, w] of batch.entries()) w.resolve(out[i]!);
          },
          (err: unknown) => {
            for (const w of batch) w.reject(err);
          },
        )
        .finally(() => {
          inFlight--;
          if (waiting.length > 0) flush();
        });
    }
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
