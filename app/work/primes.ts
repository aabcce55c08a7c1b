/** CPU-bound demo work: counting primes with a sieve (about a second for 50 million). */
export const MAX_LIMIT = 100_000_000;

export function countPrimes(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 2) return 0;
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return count;
}
