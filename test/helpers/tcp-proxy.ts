import net from 'node:net';

/**
 * A loopback TCP proxy in front of a database, for outage tests: the server under test connects
 * through it, and the test cuts every connection (the database "goes away"), refuses new ones,
 * lets them through again, or cuts a connection exactly when a COMMIT passes — before it reaches
 * the database, or after the database has run it but before its answer reaches the server.
 */
export interface TcpProxy {
  readonly port: number;
  /** Drops every connection and refuses new ones (ECONNREFUSED) until resume(). */
  cut(): Promise<void>;
  resume(): Promise<void>;
  /**
   * The next COMMIT is the last thing through: 'before' drops it unsent (nothing committed),
   * 'after' sends it and drops the database's answer (committed, but the server cannot know);
   * then the proxy is cut. Resolves once it has happened.
   */
  cutAtCommit(when: 'before' | 'after'): Promise<void>;
  close(): Promise<void>;
}

const COMMIT = Buffer.from('COMMIT');

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let trap: { when: 'before' | 'after'; sprung: () => void } | null = null;
  let port = 0;

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => sockets.delete(client) && upstream.destroy());
    upstream.on('close', () => sockets.delete(upstream) && client.destroy());
    client.on('error', drop);
    upstream.on('error', drop);
    let committing = false;
    client.on('data', (chunk: Buffer) => {
      // A MySQL COM_QUERY packet: 4-byte header, 0x03, the statement's text.
      if (trap && chunk.length >= 5 && chunk[4] === 0x03 && chunk.subarray(5).equals(COMMIT)) {
        const t = trap;
        trap = null;
        if (t.when === 'before') {
          drop();
          void api.cut().then(t.sprung);
          return;
        }
        committing = true;
        upstream.write(chunk);
        upstream.once('data', () => {
          drop();
          void api.cut().then(t.sprung);
        });
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!committing) client.write(chunk);
    });
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();

  const api: TcpProxy = {
    get port() {
      return port;
    },
    async cut() {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
    async resume() {
      if (!server.listening) await listen();
    },
    cutAtCommit(when) {
      return new Promise<void>((sprung) => {
        trap = { when, sprung };
      });
    },
    async close() {
      trap = null;
      await api.cut();
    },
  };
  return api;
}
