/** numerator / denominator, or null when there is nothing to divide. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Minutes or hours with one decimal; null stays null (no sample). */
export function round1(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 10) / 10;
}

/** The column-wise sum of count rows (the "Tổng cộng" line): every key of `zero`, added up over `rows`. */
export function sumRows<K extends string>(rows: readonly Record<NoInfer<K>, number>[], zero: Record<K, number>) {
  const sum = { ...zero };
  for (const r of rows) for (const k of Object.keys(sum) as K[]) sum[k] += r[k];
  return sum;
}
