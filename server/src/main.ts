// First: NODE_ENV before graphql-js is loaded (app/production-mode.ts).
import './app/production-mode';
import 'reflect-metadata';
import { ConfigError, loadConfig } from './app/config';
import { createLog } from './common/log';
import { errorForLog } from './db/query-logger';
import { startServer } from './server';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      createLog('info').fatal({ event: 'config.invalid', variable: e.variable }, e.message);
      process.exit(2);
    }
    throw e;
  }
  const server = await startServer(config);
  const { bootstrap, log } = server;
  if (bootstrap.referenceUnits !== null) {
    log.info({ event: 'startup.reference_data', units: bootstrap.referenceUnits }, 'Loaded the reference catalogue');
    if (bootstrap.demo) log.info({ event: 'startup.demo_data', ...bootstrap.demo }, 'Loaded demo data');
  }
  if (bootstrap.reform2025)
    log.info({ event: 'startup.reform_2025', ...bootstrap.reform2025 }, 'Loaded the July 2025 catalogue');
  if (server.generatedAdminToken) {
    // Not a log line: shown once, on the terminal of the first start without ADMIN_TOKEN (a deployment
    // sets ADMIN_TOKEN, so no token is ever generated, printed or logged there; docs/operations.md).
    process.stdout.write(
      [
        '',
        '================ ADMIN TOKEN (shown once; store it now) ================',
        server.generatedAdminToken,
        'Use it as:  Authorization: Bearer <token>',
        '=========================================================================',
        '',
        '',
      ].join('\n'),
    );
  }
  const db = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'MySQL/MariaDB';
  log.info(
    { event: 'startup.listening', url: server.url, database: config.database.type },
    `chitieu listening on ${server.url}/graphql (${db})`,
  );

  const shutdown = (signal: string) => {
    log.info({ event: 'shutdown', signal }, `${signal}: draining requests and closing the database`);
    server.stop().then(
      () => {
        log.info({ event: 'shutdown.done' }, 'stopped');
        log.flush();
        process.exit(0);
      },
      (e) => {
        log.fatal({ event: 'shutdown.failed', error: e instanceof Error ? e.message : String(e) }, 'Shutdown failed');
        log.flush();
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  createLog('info').fatal({ event: 'startup.failed', error: errorForLog(e) }, 'chitieu failed to start');
  process.exit(1);
});
