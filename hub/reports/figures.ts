/** numerator / denominator, or null when there is nothing to divide. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Minutes or hours with one decimal; null stays null (no sample). */
export function round1(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 10) / 10;
}
