import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { AdminLevelValue } from '../admin-units/admin-unit.entity';
import { importUnits } from '../admin-units/units-import';
import { readCsv } from '../app/data-files';
import { writeTransaction } from '../db/write-transaction';
import type { Viewer } from '../auth/auth.types';
import type { RoleValue } from '../auth/api-token.entity';
import type { Services } from '../app/services';
import { MAX_PUSH_ROWS } from '../observations/push-validate';
import { parseObservationCsv } from './observation-csv';
import { REJECTING_OUTCOMES } from '../../../schema/contract/outcomes';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** Usage errors: the command line itself is wrong (exit code 2). */
export class UsageError extends Error {}

/** The command line acts as an ADMIN without a token; its writes are recorded under this name. */
export const cliViewer = (name?: string): Viewer => ({
  name: name || `cli:${os.userInfo().username}`,
  role: 'ADMIN',
  scopeCode: null,
  tokenId: null,
});

const ROLES: RoleValue[] = ['ADMIN', 'PROVINCE_EDITOR', 'DISTRICT_EDITOR', 'COMMUNE_EDITOR', 'VIEWER'];
const errorsText = (errors: { code: string; message: string }[]) =>
  errors.map((e) => `  ${e.code}: ${e.message}`).join('\n');

export async function tokenCreate(
  s: Services,
  io: Io,
  o: { role?: string; name?: string; scope?: string; as?: string; expires?: string },
): Promise<number> {
  const role = o.role?.toUpperCase() as RoleValue | undefined;
  if (!role || !ROLES.includes(role)) throw new UsageError(`token create needs --role ${ROLES.join('|')}`);
  if (!o.name) throw new UsageError('token create needs --name (who uses the token)');
  const expiresAt = o.expires === undefined ? null : new Date(o.expires);
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(o.expires!)))
    throw new UsageError(`--expires takes a date (2027-06-30) or an ISO date-time, got "${o.expires}"`);
  const p = await s.tokens.create(cliViewer(o.as), { name: o.name, role, scopeCode: o.scope ?? null, expiresAt });
  if (p.userErrors.length) {
    io.err(`Token not created:\n${errorsText(p.userErrors)}`);
    return 1;
  }
  io.out(
    `Created ${p.apiToken!.role} token "${p.apiToken!.name}"${p.apiToken!.scopeCode ? ` for ${p.apiToken!.scopeCode}` : ''} (id ${p.apiToken!.id}).`,
  );
  if (p.apiToken!.expiresAt) io.out(`It expires at ${p.apiToken!.expiresAt.toISOString()}.`);
  io.out('The secret is shown once; store it now:');
  io.out(p.token!);
  return 0;
}

export async function tokenRevoke(s: Services, io: Io, id: string | undefined, as?: string): Promise<number> {
  if (!id) throw new UsageError('token revoke needs the token id (from token list or token create)');
  const p = await s.tokens.revoke(cliViewer(as), id);
  if (p.userErrors.length) {
    io.err(`Token not revoked:\n${errorsText(p.userErrors)}`);
    return 1;
  }
  io.out(`Revoked token "${p.apiToken!.name}" (id ${p.apiToken!.id}) at ${p.apiToken!.revokedAt!.toISOString()}.`);
  return 0;
}

export async function tokenList(s: Services, io: Io): Promise<number> {
  for (const t of await s.tokens.list(cliViewer())) {
    io.out(
      [
        t.id,
        t.role,
        t.scopeCode ?? '-',
        t.revokedAt
          ? `revoked ${t.revokedAt.toISOString()}`
          : t.expiresAt && t.expiresAt.getTime() <= Date.now()
            ? `expired ${t.expiresAt.toISOString()}`
            : t.expiresAt
              ? `active until ${t.expiresAt.toISOString()}`
              : 'active',
        t.lastUsedAt ? `used ${t.lastUsedAt.toISOString()}` : 'never used',
        t.name,
      ].join('\t'),
    );
  }
  return 0;
}

/**
 * Imports a CSV of observations through the same push service as the API, in pushes of at most
 * 50,000 rows (each atomic unless --partial; after a refused atomic push the rest is not sent).
 * Rejected rows are listed by their line in the file.
 */
export async function importCsv(
  s: Services,
  io: Io,
  file: string | undefined,
  o: { dryRun: boolean; partial: boolean; as?: string; json: boolean },
): Promise<number> {
  if (!file)
    throw new UsageError(
      'import needs a CSV file: unit_code,indicator_code,period,value,status,source,note[,base_version]',
    );
  const { rows, lines } = parseObservationCsv(fs.readFileSync(file, 'utf8'));
  const viewer = cliViewer(o.as);
  const totals = { created: 0, updated: 0, deleted: 0, unchanged: 0, rejected: 0 };
  let failed = false;
  const starts = rows.length
    ? Array.from({ length: Math.ceil(rows.length / MAX_PUSH_ROWS) }, (_, i) => i * MAX_PUSH_ROWS)
    : [0];
  for (const start of starts) {
    const part = rows.slice(start, start + MAX_PUSH_ROWS);
    const p = await s.push.push(viewer, part, { dryRun: o.dryRun, atomic: !o.partial });
    if (o.json)
      io.out(
        JSON.stringify({
          ...p,
          // observation and current are read when asked for (getters), so name them.
          rows: p.rows.map((r) => ({
            ...r,
            observation: r.observation,
            current: r.current,
            line: lines[start + r.index],
          })),
        }),
      );
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += p[k];
    for (const r of p.rows) {
      if (REJECTING_OUTCOMES.has(r.outcome)) {
        io.err(`line ${lines[start + r.index]}: ${r.outcome} ${r.code ?? ''} ${r.message ?? ''}`.trimEnd());
      }
    }
    for (const e of p.userErrors) io.err(`${e.code}: ${e.message}`);
    const what = o.dryRun
      ? 'would be written (dry run)'
      : p.applied
        ? `written${p.batchId ? ` in batch ${p.batchId}` : ''}`
        : 'NOT written';
    io.out(
      `Lines ${start + 2}–${start + part.length + 1}: ${p.created} created, ${p.updated} updated, ${p.deleted} deleted, ${p.unchanged} unchanged, ${p.rejected} rejected; ${what}.`,
    );
    if (p.rejected > 0) failed = true;
    if (!p.applied && !o.dryRun && start + MAX_PUSH_ROWS < rows.length) {
      io.err(
        `Stopped: the following lines were not sent, so that a file is not half imported. Fix the lines above and import again (rows already written come back UNCHANGED).`,
      );
      break;
    }
  }
  io.out(
    `Total: ${totals.created} created, ${totals.updated} updated, ${totals.deleted} deleted, ${totals.unchanged} unchanged, ${totals.rejected} rejected.`,
  );
  return failed ? 1 : 0;
}

/**
 * Imports a reorganisation of the administrative units from CSVs (see admin-units/units-import.ts),
 * in one transaction: all of it, or nothing when a row is malformed, names an unknown unit, or the
 * date is already imported.
 */
export async function unitsImport(
  ds: DataSource,
  io: Io,
  o: { units?: string; lineage?: string; effective?: string; 'communes-before'?: string; 'end-level'?: string[] },
): Promise<number> {
  if (!o.units || !o.lineage || !o.effective)
    throw new UsageError('units import needs --units CSV --lineage CSV --effective YYYY-MM-DD');
  const endLevels = (o['end-level'] ?? []).map((l) => l.toUpperCase());
  const bad = endLevels.find((l) => !['PROVINCE', 'DISTRICT', 'COMMUNE'].includes(l));
  if (bad) throw new UsageError(`--end-level takes PROVINCE, DISTRICT or COMMUNE, not "${bad}"`);
  const before = o['communes-before'];
  const input = {
    effective: o.effective,
    units: readCsv(o.units),
    lineage: readCsv(o.lineage),
    unitsBefore: before ? readCsv(before) : [],
    endLevels: endLevels as AdminLevelValue[],
    files: {
      units: path.basename(o.units),
      lineage: path.basename(o.lineage),
      unitsBefore: before && path.basename(before),
    },
  };
  const r = await writeTransaction(ds, (em) => importUnits(em, input));
  io.out(
    `Imported the reorganisation effective ${r.effective}: ${r.ended} units end on the day before, ${r.kept} carry on, ` +
      `${r.inserted.PROVINCE} provinces, ${r.inserted.DISTRICT} districts and ${r.inserted.COMMUNE} communes are new, ` +
      `${r.links} lineage links${r.unitsBefore ? `; ${r.unitsBefore} earlier units added first` : ''}.`,
  );
  return 0;
}
