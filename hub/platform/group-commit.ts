export interface GroupCommitOptions {
  /** most items one run takes */
  maxBatch: number;
  /** runs at once (each holds one database connection) */
  maxInFlight: number;
  /** an error after which splitting the batch would not help (storage down): every item fails at once */
  isFatal(err: unknown): boolean;
}

interface Pending<I, O> {
  item: I;
  resolve(out: O): void;
  reject(err: unknown): void;
}

/**
 * Items submitted together (from every MLLP connection, from every campaign job of the process) are handed to `run`
 * as one batch: one statement or one transaction, one commit (one fsync) for all of them. A batch starts on the next turn of the event loop, or as soon as
 * `maxBatch` items wait, with up to `maxInFlight` batches running. A batch that fails for a reason other than storage
 * being down is run again item by item, so one bad item cannot keep its neighbours from being answered.
 */
export function groupCommit<I, O>(
  run: (items: I[]) => Promise<O[]>,
  opts: GroupCommitOptions,
): (item: I) => Promise<O> {
  let pending: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = async (batch: Pending<I, O>[]) => {
    try {
      const out = await run(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(out[i]!);
      });
    } catch (err) {
      if (batch.length === 1 || opts.isFatal(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      for (const p of batch) await settle([p]);
    }
  };

  const flush = async () => {
    scheduled = false;
    while (inFlight < opts.maxInFlight && pending.length > 0) {
      const batch = pending.slice(0, opts.maxBatch);
      pending = pending.slice(batch.length);
      inFlight++;
      void settle(batch).finally(() => {
        inFlight--;
        if (pending.length > 0) void flush();
      });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= opts.maxBatch) void flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}
