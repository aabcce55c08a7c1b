/** `GET /__bench/memory` for a benchmark server: memory after a full GC (the process runs with --expose-gc). */
const gc = (globalThis as { gc?: () => void }).gc;

export function memoryAfterGc(): NodeJS.MemoryUsage {
  if (!gc) throw new Error("start the server with --expose-gc");
  // twice: the first pass runs finalizers that free more on the second
  gc();
  gc();
  return process.memoryUsage();
}
