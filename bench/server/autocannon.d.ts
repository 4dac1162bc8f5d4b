/**
 * The slice of autocannon 8's programmatic API the server benchmark uses (the package ships no types, and strict
 * TypeScript refuses an untyped import). Called without a callback it returns a promise of the result.
 */
declare module "autocannon" {
  interface AutocannonOptions {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    headers?: Record<string, string>;
    method?: string;
    title?: string;
  }

  /** Latency figures are in milliseconds. */
  interface Histogram {
    average: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram & { totalCount: number };
    /** Requests per second. */
    requests: Histogram & { total: number };
  }

  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export = autocannon;
}
