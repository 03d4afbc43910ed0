import path from 'node:path';
import { LOG_LEVELS, type LogLevel } from '../common/log';

/**
 * SQLite file, or MySQL/MariaDB (one server, or a Galera cluster through any of its nodes). `readUrls`
 * (DATABASE_READ_URLS): read replicas that take reads no write of the same client is missing from.
 */
export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'mysql'; url: string; readUrls?: string[] };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  adminToken: string | null;
  publicRead: boolean;
  demoData: boolean;
  tls: { cert: string; key: string } | null;
  bodyLimit: string;
  /** The largest answer sent, in bytes (MAX_RESPONSE_SIZE); a larger one is refused. */
  maxResponseBytes: number;
  maxQueryDepth: number;
  maxQueryComplexity: number;
  /** The built Excel add-in (vite output), served at /addin/. */
  addinDir: string;
  /**
   * The address users reach the server at (https://chitieu.example.gov.vn, or with a path behind a
   * proxy), used for the URLs of the add-in manifest; null: the address the server listens on.
   * Never taken from a request's Host header, which any client can set.
   */
  publicUrl: string | null;
  /** Browser origins (add-ins served from another host) allowed to call /graphql; none by default. */
  corsOrigins: string[];
  /** Query-cost units each token (or anonymous address) may spend a minute; 0: no budget. ADMIN tokens have none. */
  queryBudgetPerMinute: number;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client's address. */
  trustProxy: boolean | number | string[];
  /** The least severe log line written (LOG_LEVEL): info logs one line per request. */
  logLevel: LogLevel;
  /** The bearer token Prometheus sends to /metrics (METRICS_TOKEN); null: /metrics serves loopback callers only. */
  metricsToken: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function database(env: Env, cwd: string): DatabaseConfig {
  const raw = env.DATABASE_URL?.trim();
  if (env.DATABASE_READ_URLS?.trim() && !/^(mysql|mariadb):\/\//.test(raw ?? ''))
    throw new ConfigError('DATABASE_READ_URLS', 'needs a mysql:// DATABASE_URL (the primary)');
  if (!raw) return { type: 'sqlite', path: path.resolve(cwd, 'data/chitieu.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:data/chitieu.sqlite');
    return { type: 'sqlite', path: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (raw.startsWith('mysql://') || raw.startsWith('mariadb://')) {
    try {
      const url = new URL(raw);
      if (!url.pathname || url.pathname === '/') throw new Error('no database');
    } catch {
      throw new ConfigError('DATABASE_URL', 'must look like mysql://user:password@host:3306/database');
    }
    const readUrls = readReplicas(env);
    return { type: 'mysql', url: raw.replace(/^mariadb:/, 'mysql:'), ...(readUrls.length ? { readUrls } : {}) };
  }
  throw new ConfigError('DATABASE_URL', `must start with mysql:// or sqlite:, got "${raw.split(':')[0]}:…"`);
}

function readReplicas(env: Env): string[] {
  const raw = env.DATABASE_READ_URLS?.trim();
  if (!raw) return [];
  return raw.split(',').map((item) => {
    const url = item.trim().replace(/^mariadb:/, 'mysql:');
    if (!URL.canParse(url) || !url.startsWith('mysql://') || ['', '/'].includes(new URL(url).pathname))
      throw new ConfigError('DATABASE_READ_URLS', 'must list URLs like mysql://user:password@replica:3306/database');
    return url;
  });
}

/** METRICS_TOKEN: the bearer token /metrics asks for; without it /metrics answers loopback callers only. */
function metricsToken(env: Env): string | null {
  const raw = env.METRICS_TOKEN?.trim() || null;
  if (raw !== null && raw.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters long');
  return raw;
}

function publicUrl(env: Env): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an absolute URL such as https://chitieu.example.gov.vn, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password)
    throw new ConfigError('PUBLIC_URL', `must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function corsOrigins(env: Env): string[] {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return [];
  return raw.split(',').map((item) => {
    const origin = item.trim();
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new ConfigError('CORS_ORIGINS', `must list origins like https://addin.example.gov.vn, got "${origin}"`);
    return origin;
  });
}

function trustProxy(env: Env): boolean | number | string[] {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || /^(false|0|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim());
  const ok = /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i;
  const bad = list.find((s) => !ok.test(s));
  if (bad !== undefined)
    throw new ConfigError(
      'TRUST_PROXY',
      `must be true, false, a number of proxies, or addresses/subnets (10.0.0.1, 10.0.0.0/8, loopback), got "${bad}"`,
    );
  return list;
}

function logLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  return raw as LogLevel;
}

/** Reads and checks the environment once; every problem names its variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const certFile = env.TLS_CERT?.trim() || null;
  const keyFile = env.TLS_KEY?.trim() || null;
  if (Boolean(certFile) !== Boolean(keyFile)) {
    throw new ConfigError(
      certFile ? 'TLS_KEY' : 'TLS_CERT',
      'must be set together with the other (TLS_CERT and TLS_KEY)',
    );
  }
  const adminToken = env.ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters long');
  }
  const bodyLimit = env.BODY_LIMIT?.trim() || '32mb';
  if (!/^\d+(kb|mb)$/i.test(bodyLimit))
    throw new ConfigError('BODY_LIMIT', `must look like 32mb or 500kb, got "${bodyLimit}"`);
  const responseSize = env.MAX_RESPONSE_SIZE?.trim() || '32mb';
  const size = /^(\d+)(kb|mb)$/i.exec(responseSize);
  if (!size || Number(size[1]) < 1)
    throw new ConfigError('MAX_RESPONSE_SIZE', `must look like 32mb or 500kb, got "${responseSize}"`);
  return {
    port: int(env, 'PORT', 4000, 0, 65535),
    maxResponseBytes: Number(size[1]) * (size[2]!.toLowerCase() === 'mb' ? 1_048_576 : 1024),
    host: env.HOST?.trim() || '127.0.0.1',
    database: database(env, cwd),
    adminToken,
    publicRead: bool(env, 'PUBLIC_READ', false),
    demoData: bool(env, 'DEMO_DATA', true),
    tls: certFile && keyFile ? { cert: path.resolve(cwd, certFile), key: path.resolve(cwd, keyFile) } : null,
    bodyLimit,
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 10, 3, 100),
    maxQueryComplexity: int(env, 'MAX_QUERY_COMPLEXITY', 1_500_000, 1000, 1_000_000_000),
    addinDir: path.resolve(cwd, env.ADDIN_DIR?.trim() || 'dist/addin'),
    publicUrl: publicUrl(env),
    corsOrigins: corsOrigins(env),
    queryBudgetPerMinute: int(env, 'QUERY_BUDGET_PER_MINUTE', 30_000_000, 0, 1_000_000_000_000),
    trustProxy: trustProxy(env),
    logLevel: logLevel(env),
    metricsToken: metricsToken(env),
  };
}
