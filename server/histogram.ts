/**
 * Log-scale histograms of durations for the telemetry window: bin i holds times up to
 * 2^((i+1)/4) µs (4 bins per doubling: percentiles within ~19%); 128 bins reach ~4.6 hours.
 */
export const BINS = 128;

export function bin(ms: number): number {
  const us = ms * 1000;
  if (!(us > 1)) return 0;
  return Math.min(BINS - 1, Math.floor(Math.log2(us) * 4));
}

/** The upper bound of a bin, in ms. */
function binValue(i: number): number {
  return 2 ** ((i + 1) / 4) / 1000;
}

/** The `p`th percentile of `total` values binned in `hist`, in ms; null without values. */
export function percentile(hist: Uint32Array, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (let i = 0; i < BINS; i++) {
    seen += hist[i]!;
    if (seen >= rank) return binValue(i);
  }
  return binValue(BINS - 1);
}
