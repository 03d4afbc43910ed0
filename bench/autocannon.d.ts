declare module 'autocannon' {
  interface Result {
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
    timeouts: number;
  }
  function autocannon(opts: Record<string, unknown>): Promise<Result>;
  export = autocannon;
}
