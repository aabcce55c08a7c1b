/** The part of autocannon 9's API the benchmarks use (the package ships no types). */
declare module "autocannon" {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    headers?: Record<string, string>;
  }
  interface Results {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    non2xx: number;
    duration: number;
  }
  function autocannon(opts: Options): Promise<Results>;
  export default autocannon;
}
