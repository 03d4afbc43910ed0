import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../helpers/cli';
import { describeEachDb } from '../helpers/databases';
import { readBack } from '../helpers/push';
import { errorCode, ok, type TestServer } from '../helpers/server';

const HEADER = 'unit_code,indicator_code,period,value,status,source,note';

describeEachDb('command line: tokens and CSV import', (db) => {
  let t: TestServer;
  let h: CliHarness;
  let dir: string;
  beforeAll(async () => {
    h = await startCliHarness(db, 'chitieu-cli-');
    t = h.t;
    dir = h.dir;
  });
  afterAll(() => h?.stop());

  const cli = (...argv: string[]) => h.cli(...argv);
  const csv = (name: string, lines: string[]) => h.file(name, [HEADER, ...lines], '\r\n');

  it('creates a token whose secret works at once, lists it, and revokes it for the next request', async () => {
    const made = await cli(
      'token',
      'create',
      '--role',
      'DISTRICT_EDITOR',
      '--name',
      'Chi cục Thống kê Hà Trung',
      '--scope',
      '392',
    );
    expect(made.code).toBe(0);
    const secret = made.out.split('\n').pop()!;
    expect(secret).toMatch(/^ctk_/);
    expect(ok(await t.gql('{ me { name role scopeCode } }', {}, secret)).me).toEqual({
      name: 'Chi cục Thống kê Hà Trung',
      role: 'DISTRICT_EDITOR',
      scopeCode: '392',
    });
    const id = /\(id ([^)]+)\)/.exec(made.out)![1];
    const list = await cli('token', 'list');
    expect(list.out).toMatch(
      new RegExp(`${id}\\tDISTRICT_EDITOR\\t392\\tactive\\tused \\S+\\tChi cục Thống kê Hà Trung`),
    );
    expect(list.out).not.toContain(secret);
    const revoked = await cli('token', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect(errorCode(await t.gql('{ me { name } }', {}, secret))).toBe('UNAUTHENTICATED');
    const bad = await cli('token', 'create', '--role', 'PROVINCE_EDITOR', '--name', 'x', '--scope', '392');
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.err).toContain('WRONG_SCOPE_LEVEL');
  });

  it('imports the long CSV format through the push service: atomic by default, --partial, --dry-run', async () => {
    const lines = [
      '392,SO_XA_NTM_NANG_CAO,2024,5,OFFICIAL,"Báo cáo UBND huyện, 2024","=HYPERLINK(""http://x"",""y"")"',
      '392,SO_XA_NTM_NANG_CAO,2024-H1,4,PRELIMINARY,,',
      '392,SO_XA_NTM_NANG_CAO,2023,4.5,,,',
      '392,NOPE,2024,1,,,',
    ];
    const file = csv('obs.csv', lines);
    const atomic = await cli('import', file);
    expect(atomic.code).toBe(1);
    expect(atomic.err).toContain('line 4: INVALID NOT_AN_INTEGER');
    expect(atomic.err).toContain('line 5: INVALID UNKNOWN_INDICATOR');
    expect(atomic.out).toContain('NOT written');
    expect([...(await readBack(t, ['392'])).keys()].filter((k) => k.includes('SO_XA_NTM_NANG_CAO'))).toEqual([]);

    const dry = await cli('import', file, '--partial', '--dry-run');
    expect(dry.out).toContain('2 created');
    expect(dry.out).toContain('would be written (dry run)');
    expect([...(await readBack(t, ['392'])).keys()].filter((k) => k.includes('SO_XA_NTM_NANG_CAO'))).toEqual([]);

    const partial = await cli('import', file, '--partial', '--as', 'ops');
    expect(partial.code).toBe(1);
    expect(partial.out).toMatch(
      /2 created, 0 updated, 0 deleted, 0 unchanged, 2 rejected; written in batch [0-9a-f-]{36}/,
    );
    const stored = await readBack(t, ['392']);
    expect(stored.get('392|SO_XA_NTM_NANG_CAO|2024')).toMatchObject({
      value: 5,
      version: 1,
      source: 'Báo cáo UBND huyện, 2024',
      note: '=HYPERLINK("http://x","y")',
    });
    expect(stored.get('392|SO_XA_NTM_NANG_CAO|2024-H1')).toMatchObject({
      value: 4,
      status: 'PRELIMINARY',
      source: null,
      note: null,
    });
    const by = ok(
      await t.gql(
        '{ observations(filter: { unitCodes: ["392"], indicatorCodes: ["SO_XA_NTM_NANG_CAO"], periods: ["2024"] }) { nodes { updatedBy revisions { changedBy } } } }',
      ),
    );
    expect(by.observations.nodes[0]).toEqual({ updatedBy: 'ops', revisions: [{ changedBy: 'ops' }] });

    // base_version column: update one value, delete another; the same file again changes nothing.
    const file2 = path.join(dir, 'edit.csv');
    fs.writeFileSync(
      file2,
      `${HEADER},base_version\n392,SO_XA_NTM_NANG_CAO,2024,6,OFFICIAL,,,1\n392,SO_XA_NTM_NANG_CAO,2024-H1,,,,,1\n`,
    );
    const edit = await cli('import', file2);
    expect(edit).toMatchObject({ code: 0 });
    expect(edit.out).toContain('0 created, 1 updated, 1 deleted');
    const again = await cli('import', file2);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain('0 created, 0 updated, 0 deleted, 2 unchanged, 0 rejected');
    fs.writeFileSync(file2, `${HEADER},base_version\n392,SO_XA_NTM_NANG_CAO,2024,7,OFFICIAL,,,1\n`);
    const stale = await cli('import', file2);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('line 2: CONFLICT STALE_VERSION');
  });

  it('answers usage and format errors with exit code 2', async () => {
    expect((await cli()).code).toBe(2);
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('token', 'create', '--name', 'x')).code).toBe(2);
    expect((await cli('import', path.join(dir, 'missing.csv'))).code).toBe(2);
    const badHeader = path.join(dir, 'bad.csv');
    fs.writeFileSync(badHeader, 'unit,indicator,period,value\n392,X,2024,1\n');
    const res = await cli('import', badHeader);
    expect(res.code).toBe(2);
    expect(res.err).toContain('missing: unit_code, indicator_code');
  });
});
