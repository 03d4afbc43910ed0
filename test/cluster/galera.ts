import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import mysql from 'mysql2/promise';
import { freePorts, MARIADBD } from '../fault/private-mariadb';

/**
 * A MariaDB Galera cluster of the test's own on loopback: every node a mariadbd with its datadir,
 * tmpdir, socket and pid file under one temporary directory, its own client, replication (gcomm),
 * IST and SST ports. The first node bootstraps the cluster (--wsrep-new-cluster), the others join it
 * by rsync SST. A node is killed by its PID (SIGKILL) and restarted from its recovered position
 * (mariadbd --wsrep-recover), so it catches up by IST.
 */
export const GALERA = process.env.GALERA_PROVIDER ?? '/usr/lib/galera/libgalera_smm.so';
export const galeraMissing = (): string | null => {
  if (!fs.existsSync(MARIADBD)) return `${MARIADBD} is missing`;
  if (!fs.existsSync(GALERA)) return `${GALERA} is missing (apt-get install galera-4)`;
  try {
    execFileSync('rsync', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'rsync is missing (the SST method; apt-get install rsync)';
  }
  return null;
};

export interface GaleraNode {
  readonly name: string;
  readonly port: number;
  /** mysql://root@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** The running mariadbd's PID, or null. */
  pid(): number | null;
  kill(): Promise<void>;
  /** Starts the node again on its datadir from its recovered position; resolves once Synced. */
  restart(): Promise<void>;
  /** wsrep_local_state_comment, wsrep_cluster_size, wsrep_last_committed. */
  status(): Promise<{ state: string; size: number; lastCommitted: number }>;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  /** Kills every node and removes the directory. */
  stop(): Promise<void>;
}

/**
 * `causalNodes`: the first nodes get wsrep_sync_wait=1 (a read waits until the node has applied every
 * write the cluster committed before it: what a server's primary needs when a client's next request
 * lands on another server); the rest read what they have applied, like asynchronous read replicas.
 */
export async function startGaleraCluster(size = 3, database = 'chitieu', causalNodes = size): Promise<GaleraCluster> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-galera-'));
  // Run as root, rsync's SST daemon writes as `nobody`: it must reach the joiner's datadir.
  fs.chmodSync(root, 0o755);
  const asRoot = process.getuid?.() === 0;
  const free = await freePorts(4 * size);
  const ports = Array.from({ length: size }, (_, i) => {
    const [sql, gcomm, ist, sst] = free.slice(4 * i, 4 * i + 4) as [number, number, number, number];
    return { sql, gcomm, ist, sst };
  });
  const address = `gcomm://${ports.map((p) => `127.0.0.1:${p.gcomm}`).join(',')}`;
  const processes: (ChildProcess | null)[] = Array(size).fill(null);

  const nodes = ports.map((p, i): GaleraNode & { start(first: boolean): Promise<void> } => {
    const dir = path.join(root, `node${i + 1}`);
    const datadir = path.join(dir, 'data');
    const log = path.join(dir, 'error.log');
    fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
    fs.chmodSync(dir, 0o755);
    const base = [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${p.sql}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dir, 'sock')}`,
      `--tmpdir=${path.join(dir, 'tmp')}`,
      `--pid-file=${path.join(dir, 'pid')}`,
      '--skip-grant-tables',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=64M',
      '--innodb-log-file-size=48M',
      '--performance-schema=OFF',
      '--max-connections=300',
      '--default-storage-engine=InnoDB',
      '--binlog-format=ROW',
      '--innodb-autoinc-lock-mode=2',
      '--wsrep-on=ON',
      `--wsrep-provider=${GALERA}`,
      `--wsrep-cluster-address=${address}`,
      '--wsrep-cluster-name=chitieu-test',
      `--wsrep-node-name=node${i + 1}`,
      `--wsrep-node-address=127.0.0.1:${p.gcomm}`,
      `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${p.gcomm};ist.recv_addr=127.0.0.1:${p.ist};` +
        'gcache.size=256M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S;pc.wait_prim_timeout=PT30S',
      '--wsrep-sst-method=rsync',
      `--wsrep-sst-receive-address=127.0.0.1:${p.sst}`,
      '--wsrep-slave-threads=2',
      `--wsrep-sync-wait=${i < causalNodes ? 1 : 0}`,
      ...(asRoot ? ['--user=root'] : []),
    ];
    const readLog = (file = log) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-4000) : '(no log)');
    const url = (db = database) => `mysql://root@127.0.0.1:${p.sql}/${db}`;
    const status = async () => {
      const conn = await mysql.createConnection({ uri: url(''), connectTimeout: 2000 });
      try {
        const [rows] = await conn.query(
          "SHOW STATUS WHERE Variable_name IN ('wsrep_local_state_comment','wsrep_cluster_size','wsrep_last_committed','wsrep_ready')",
        );
        const v = Object.fromEntries(
          (rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]),
        );
        return {
          state: v.wsrep_ready === 'ON' ? String(v.wsrep_local_state_comment) : 'not ready',
          size: Number(v.wsrep_cluster_size),
          lastCommitted: Number(v.wsrep_last_committed),
        };
      } finally {
        await conn.end();
      }
    };
    const launch = async (extra: string[]) => {
      if (asRoot) execFileSync('chown', ['-R', 'nobody', datadir]);
      const proc = spawn(MARIADBD, [...base, `--log-error=${log}`, ...extra], { stdio: 'ignore' });
      processes[i] = proc;
      let exited = false;
      proc.once('exit', () => (exited = true));
      for (let waited = 0; ; waited += 100) {
        if (exited) throw new Error(`node${i + 1} exited at start:\n${readLog()}`);
        if (waited > 120_000) throw new Error(`node${i + 1} not Synced in 120 s:\n${readLog()}`);
        try {
          if ((await status()).state === 'Synced') return;
        } catch {
          // not listening yet
        }
        await sleep(100);
      }
    };
    const kill = async () => {
      const proc = processes[i];
      processes[i] = null;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      process.kill(proc.pid!, 'SIGKILL');
      await exited;
    };
    return {
      name: `node${i + 1}`,
      port: p.sql,
      url,
      pid: () => processes[i]?.pid ?? null,
      status,
      kill,
      start: async (first) => {
        execFileSync(
          'mariadb-install-db',
          ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
          { stdio: 'pipe', env: { ...process.env, TMPDIR: path.join(dir, 'tmp') } },
        );
        await launch(first ? ['--wsrep-new-cluster'] : []);
      },
      restart: async () => {
        // Where the crashed node's InnoDB stopped, so it asks the others for the rest only (IST).
        const recoverLog = path.join(dir, 'recover.log');
        fs.rmSync(recoverLog, { force: true });
        if (asRoot) execFileSync('chown', ['-R', 'nobody', datadir]);
        execFileSync(MARIADBD, [...base, `--log-error=${recoverLog}`, '--wsrep-recover'], { stdio: 'ignore' });
        const m = /Recovered position: (\S+)/.exec(readLog(recoverLog));
        await launch(m ? [`--wsrep-start-position=${m[1]}`] : []);
      },
    };
  });

  const stop = async () => {
    for (const n of nodes) await n.kill();
    fs.rmSync(root, { recursive: true, force: true });
  };
  try {
    // One joiner at a time: a donor serves one state transfer.
    for (const [i, n] of nodes.entries()) await n.start(i === 0);
    const admin = await mysql.createConnection({ uri: nodes[0]!.url('') });
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    await admin.end();
  } catch (e) {
    await stop();
    throw e;
  }
  return { nodes, stop };
}
