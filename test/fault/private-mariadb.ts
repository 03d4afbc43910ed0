import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

/**
 * A MariaDB of the test's own (a temporary datadir, a free port), so it can be killed with SIGKILL
 * without touching the shared server of TEST_MYSQL_URL. Started, killed and restarted by its own PID.
 */
export const MARIADBD = process.env.MARIADBD ?? '/usr/sbin/mariadbd';
export const mariadbAvailable = fs.existsSync(MARIADBD);

export interface PrivateMariadb {
  /** mysql://root@127.0.0.1:<port>/<database> */
  url: string;
  /** SIGKILL, then waits until the process has exited. */
  kill(): Promise<void>;
  /** Starts mariadbd again on the same datadir and port (crash recovery), waits until it answers. */
  restart(): Promise<void>;
  /** Stops the process (if running) and removes the datadir. */
  stop(): Promise<void>;
}

/**
 * `n` distinct loopback ports that were free a moment ago: all are held until the last is chosen,
 * since a port let go can be handed out again by the next `listen(0)`.
 */
export async function freePorts(n: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const srv = net.createServer();
      held.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', resolve);
      });
    }
    return held.map((srv) => (srv.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((srv) => new Promise((r) => srv.close(r))));
  }
}

export const freePort = async () => (await freePorts(1))[0]!;

export async function startPrivateMariadb(database = 'chitieu'): Promise<PrivateMariadb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-mariadb-'));
  const datadir = path.join(dir, 'data');
  fs.mkdirSync(path.join(dir, 'tmp'));
  execFileSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    // The bootstrap server's temporary files too (mariadbd's default tmpdir is $TMPDIR).
    { stdio: 'pipe', env: { ...process.env, TMPDIR: path.join(dir, 'tmp') } },
  );
  const port = await freePort();
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${path.join(dir, 'sock')}`,
    // Its own temporary files: a second server on the machine's /tmp broke the shared MariaDB's
    // on-disk temporary tables (EE_DELETE) while these tests ran beside the others.
    `--tmpdir=${path.join(dir, 'tmp')}`,
    `--pid-file=${path.join(dir, 'pid')}`,
    `--log-error=${path.join(dir, 'error.log')}`,
    '--skip-grant-tables',
    '--skip-name-resolve',
    '--innodb-flush-log-at-trx-commit=1',
    '--innodb-buffer-pool-size=64M',
    '--performance-schema=OFF',
    ...(process.getuid?.() === 0 ? ['--user=root'] : []),
  ];
  const root = `mysql://root@127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const launch = async () => {
    const proc = spawn(MARIADBD, args, { stdio: 'ignore' });
    child = proc;
    let exited = false;
    proc.once('exit', () => (exited = true));
    // Ready when it accepts a connection (crash recovery runs before it listens).
    for (let waited = 0; ; waited += 50) {
      if (exited) throw new Error(`mariadbd exited at start:\n${readLog()}`);
      if (waited > 60_000) throw new Error(`mariadbd did not answer in 60 s:\n${readLog()}`);
      try {
        const conn = await mysql.createConnection({ uri: root, connectTimeout: 1000 });
        await conn.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const readLog = () => {
    const log = path.join(dir, 'error.log');
    return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-3000) : '(no error log)';
  };
  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(proc.pid!, 'SIGKILL');
    await exited;
  };

  const stop = async () => {
    await kill();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await launch();
    const admin = await mysql.createConnection({ uri: root });
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.end();
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `${root}/${database}`,
    kill,
    restart: launch,
    stop,
  };
}
