/** Counts requests whose handlers are still running, so shutdown can wait for them. */
export function inFlightTracker() {
  let active = 0;
  let waiters: (() => void)[] = [];
  return {
    wrap<A extends unknown[]>(handler: (...args: A) => unknown) {
      return async (...args: A) => {
        active++;
        try {
          await handler(...args);
        } finally {
          if (--active === 0) {
            waiters.forEach((w) => w());
            waiters = [];
          }
        }
      };
    },
    /** Resolves when nothing runs (a client that hung up does not stop its handler). */
    idle: () => (active === 0 ? Promise.resolve() : new Promise<void>((r) => waiters.push(r))),
  };
}
