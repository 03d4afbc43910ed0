import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { ERROR_CODES, isReasonCode } from '../schema/contract/reasons';
import { buildAddin } from './helpers/addin-build';

/**
 * Once per run, before any test file: decides whether the MariaDB/MySQL half of the suite runs
 * (with REQUIRE_MYSQL=1 a missing or unreachable server fails the run instead of skipping it; CI
 * sets it), and builds the add-in that the add-in, static-file and end-to-end tests serve (a
 * no-op when its sources have not changed since the last build). At the end, checks the errors every
 * worker recorded through the integration helper (test/helpers/server.ts `assertErrorShape`): each
 * must have had a contract code and a reason.
 */
export default async function setup(project: TestProject) {
  fs.rmSync(ERROR_LOG_DIR, { recursive: true, force: true });
  const [addinDir] = await Promise.all([buildAddin(), checkMysql()]);
  project.provide('addinDir', addinDir);
  return checkRecordedErrors;
}

/** Same directory as test/helpers/server.ts ERROR_LOG_DIR (not imported: that module loads the server). */
const ERROR_LOG_DIR = path.resolve(__dirname, '../.cache/gql-errors');

function checkRecordedErrors() {
  if (!fs.existsSync(ERROR_LOG_DIR)) return;
  const lines = fs
    .readdirSync(ERROR_LOG_DIR)
    .flatMap((f) => fs.readFileSync(path.join(ERROR_LOG_DIR, f), 'utf8').split('\n'))
    .filter(Boolean);
  const bad = lines.filter((l) => {
    const [code, reason] = l.split(' ');
    return !(ERROR_CODES as readonly string[]).includes(code!) || !isReasonCode(reason!);
  });
  console.log(
    `\n${lines.length} API errors checked by the test helpers; ${bad.length} without a contract code and reason`,
  );
  if (bad.length) throw new Error(`Errors without a contract code and reason: ${[...new Set(bad)].join(', ')}`);
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
