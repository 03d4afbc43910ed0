import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/app/config';

describe('configuration', () => {
  it('has working defaults: SQLite file under data/, port 4000, private reads, demo data on', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      publicRead: false,
      demoData: true,
      adminToken: null,
      tls: null,
      database: { type: 'sqlite', path: '/srv/app/data/chitieu.sqlite' },
    });
  });

  it('reads every documented variable', () => {
    const c = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'mysql://u:p@db:3306/chitieu',
        ADMIN_TOKEN: 'a-long-enough-secret',
        PUBLIC_READ: 'true',
        DEMO_DATA: 'false',
        TLS_CERT: 'c.pem',
        TLS_KEY: 'k.pem',
        BODY_LIMIT: '10mb',
        PUBLIC_URL: 'https://chitieu.example.gov.vn/thong-ke/',
        CORS_ORIGINS: 'https://addin.example.gov.vn, http://localhost:3000',
        QUERY_BUDGET_PER_MINUTE: '5000000',
        TRUST_PROXY: '10.0.0.0/8, loopback',
        DATABASE_READ_URLS: 'mysql://u:p@replica1:3306/chitieu, mariadb://u:p@replica2/chitieu',
        METRICS_TOKEN: 'prometheus-secret-123',
      },
      '/srv',
    );
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      database: {
        type: 'mysql',
        url: 'mysql://u:p@db:3306/chitieu',
        readUrls: ['mysql://u:p@replica1:3306/chitieu', 'mysql://u:p@replica2/chitieu'],
      },
      metricsToken: 'prometheus-secret-123',
      adminToken: 'a-long-enough-secret',
      publicRead: true,
      demoData: false,
      tls: { cert: '/srv/c.pem', key: '/srv/k.pem' },
      bodyLimit: '10mb',
      publicUrl: 'https://chitieu.example.gov.vn/thong-ke',
      corsOrigins: ['https://addin.example.gov.vn', 'http://localhost:3000'],
      queryBudgetPerMinute: 5_000_000,
      trustProxy: ['10.0.0.0/8', 'loopback'],
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ DATABASE_URL: 'mysql://u:p@db:3306/chitieu' }).database).toEqual({
      type: 'mysql',
      url: 'mysql://u:p@db:3306/chitieu',
    });
    expect(loadConfig({}, '/srv')).toMatchObject({
      metricsToken: null,
      publicUrl: null,
      corsOrigins: [],
      queryBudgetPerMinute: 30_000_000,
      trustProxy: false,
      maxResponseBytes: 32 * 1_048_576,
    });
    expect(loadConfig({ DATABASE_URL: 'sqlite:other.db' }, '/srv').database).toEqual({
      type: 'sqlite',
      path: '/srv/other.db',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PUBLIC_READ: 'maybe' }, 'PUBLIC_READ'],
    [{ DEMO_DATA: 'ja' }, 'DEMO_DATA'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://host-without-db' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ TLS_CERT: 'c.pem' }, 'TLS_KEY'],
    [{ TLS_KEY: 'k.pem' }, 'TLS_CERT'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT'],
    [{ PUBLIC_URL: 'chitieu.example.gov.vn' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://chitieu.example.gov.vn' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://chitieu.example.gov.vn/?x=1' }, 'PUBLIC_URL'],
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ TRUST_PROXY: 'the usual one' }, 'TRUST_PROXY'],
    [{ QUERY_BUDGET_PER_MINUTE: 'lots' }, 'QUERY_BUDGET_PER_MINUTE'],
    [{ MAX_RESPONSE_SIZE: '1gb' }, 'MAX_RESPONSE_SIZE'],
    [{ DATABASE_READ_URLS: 'mysql://r/chitieu' }, 'DATABASE_READ_URLS'],
    [{ DATABASE_URL: 'mysql://db/chitieu', DATABASE_READ_URLS: 'postgres://r/chitieu' }, 'DATABASE_READ_URLS'],
    [{ DATABASE_URL: 'mysql://db/chitieu', DATABASE_READ_URLS: 'mysql://replica-without-db' }, 'DATABASE_READ_URLS'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
  ])('rejects %j naming %s', (env, variable) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).variable).toBe(variable);
      expect((e as Error).message).toContain(variable);
    }
  });
});
