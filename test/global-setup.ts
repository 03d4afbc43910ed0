import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { buildAddin } from './helpers/addin-build';

/**
 * Once per run, before any test file: decides whether the MariaDB/MySQL half of the suite runs
 * (with REQUIRE_MYSQL=1 a missing or unreachable server fails the run instead of skipping it; CI
 * sets it), and builds the add-in that the add-in, static-file and end-to-end tests serve (a
 * no-op when its sources have not changed since the last build).
 */
export default async function setup(project: TestProject) {
  const [addinDir] = await Promise.all([buildAddin(), checkMysql()]);
  project.provide('addinDir', addinDir);
}

async function checkMysql() {
  const url = process.env.TEST_MYSQL_URL;
  const required = process.env.REQUIRE_MYSQL === '1';
  if (!url) {
    if (required) throw new Error('REQUIRE_MYSQL=1 but TEST_MYSQL_URL is not set');
    console.warn('\n*** TEST_MYSQL_URL is not set: MySQL/MariaDB integration tests are SKIPPED (SQLite only) ***\n');
    return;
  }
  try {
    const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
    await conn.query('SELECT 1');
    await conn.end();
  } catch (e) {
    const msg = `TEST_MYSQL_URL=${url} is unreachable: ${(e as Error).message}`;
    if (required) throw new Error(msg, { cause: e });
    console.warn(`\n*** ${msg}; MySQL tests will fail ***\n`);
  }
}
