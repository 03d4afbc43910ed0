import 'reflect-metadata';
import { ConfigError, loadConfig } from './app/config';
import { startServer } from './server';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const server = await startServer(config);
  const { bootstrap } = server;
  if (bootstrap.referenceUnits !== null) {
    console.log(`Loaded ${bootstrap.referenceUnits} administrative units.`);
    if (bootstrap.demo) console.log(`Loaded demo data: ${JSON.stringify(bootstrap.demo)}.`);
  }
  if (bootstrap.reform2025) console.log(`Loaded the July 2025 catalogue: ${JSON.stringify(bootstrap.reform2025)}.`);
  if (server.generatedAdminToken) {
    console.log('\n================ ADMIN TOKEN (shown once; store it now) ================');
    console.log(server.generatedAdminToken);
    console.log('Use it as:  Authorization: Bearer <token>');
    console.log('=========================================================================\n');
  }
  const db = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'MySQL/MariaDB';
  console.log(`chitieu listening on ${server.url}/graphql (${db})`);

  const shutdown = (signal: string) => {
    console.log(`${signal}: draining requests and closing the database…`);
    server.stop().then(
      () => process.exit(0),
      (e) => {
        console.error('Shutdown failed:', e);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  console.error('chitieu failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
