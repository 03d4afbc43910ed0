/**
 * A first-come, first-served async lock. SQLite's TypeORM driver shares one connection, so two
 * write transactions started concurrently would interleave their statements; taking this lock
 * around each write transaction runs them one after another instead.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
