import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer boundaries in eslint.config.mjs, checked on small in-memory sources placed at paths in the
 * tree (nothing is written to disk). Every case names the rule it expects, so a rule that silently
 * stopped running (or a file that no longer parses) fails the test instead of passing it.
 */
const ROOT = path.resolve(__dirname, '../..');
const BOUNDARY = 'import-x/no-restricted-paths';
const OFFICE_GLOBAL = 'no-restricted-globals';

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `${file} must parse`).toEqual([]);
  return result.messages;
}

/** The messages of one rule; also asserts that the rule is switched on for that file. */
async function messagesOf(ruleId: string, file: string, code: string): Promise<Linter.LintMessage[]> {
  const config = await eslint.calculateConfigForFile(path.join(ROOT, file));
  const setting = config.rules?.[ruleId];
  expect([setting].flat()[0], `${ruleId} is on for ${file}`).toBe(2);
  return (await lint(file, code)).filter((m) => m.ruleId === ruleId);
}

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

async function expectBoundaryError(file: string, specifier: string, layer: string) {
  const messages = await messagesOf(BOUNDARY, file, importing(specifier));
  expect(messages).toHaveLength(1);
  expect(messages[0].message).toContain(`"${specifier}"`);
  expect(messages[0].message).toContain(`Layer boundary (${layer})`);
}

async function expectBoundaryOk(file: string, ...specifiers: string[]) {
  const code = specifiers.map((s, i) => `import { x as x${i} } from '${s}';\n`).join('') + 'export const y = [];\n';
  expect(await messagesOf(BOUNDARY, file, code)).toEqual([]);
}

describe('server layer boundaries', () => {
  const FEATURE = 'server/src/observations/x.ts';

  it('a feature may not import graphql/', async () => {
    await expectBoundaryError(FEATURE, '../graphql/context', 'server/feature');
  });

  it('a feature may not import app/ (even before app/services exists)', async () => {
    await expectBoundaryError(FEATURE, '../app/services', 'server/feature');
  });

  it('a feature may not import the add-in', async () => {
    await expectBoundaryError(FEATURE, '../../../addin/src/sync/period', 'server/feature');
  });

  it('a feature may import common/ and db/', async () => {
    await expectBoundaryOk(FEATURE, '../common/errors', '../db/sql');
  });

  it('common/ may not import db/', async () => {
    await expectBoundaryError('server/src/common/x.ts', '../db/sql', 'server/common');
  });
});

describe('add-in layer boundaries', () => {
  it('sync/ may not import excel/', async () => {
    await expectBoundaryError('addin/src/sync/x.ts', '../excel/table', 'addin/sync');
  });

  it('sync/ may import the contract', async () => {
    await expectBoundaryOk('addin/src/sync/x.ts', '../../../schema/contract');
  });

  const USES_EXCEL = 'export const run = () => Excel.run(async () => undefined);\n';

  it('the Excel global is refused outside excel/', async () => {
    const messages = await messagesOf(OFFICE_GLOBAL, 'addin/src/taskpane/x.ts', USES_EXCEL);
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toContain("'Excel'");
  });

  it('the Excel global is allowed in excel/', async () => {
    const file = 'addin/src/excel/x.ts';
    const config = await eslint.calculateConfigForFile(path.join(ROOT, file));
    expect([config.rules?.[OFFICE_GLOBAL] ?? 0].flat()[0], `${OFFICE_GLOBAL} is off in excel/`).toBe(0);
    // The same source as above, so only the location differs; and the file is still linted.
    expect(await lint(file, USES_EXCEL)).toEqual([]);
  });
});
