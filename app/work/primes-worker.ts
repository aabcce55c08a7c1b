/** Runs in a piscina worker thread: the event loop of the server never sees this work. */
import { countPrimes } from "./primes.js";

export default function task({ limit }: { limit: number }): number {
  return countPrimes(limit);
}
