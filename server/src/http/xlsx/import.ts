import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import { OUTCOME_TEXTS, REJECTING_OUTCOMES, type RowOutcome } from '../../../../schema/contract/outcomes';
import { REASONS, isReasonCode } from '../../../../schema/contract/reasons';
import { STATUS_LABELS_VI } from '../../../../schema/contract/cell-status';
import { requireEditor } from '../../auth/scope';
import { AppError, badInput } from '../../common/errors';
import { readCatalogue } from './catalogue';
import { safeFileName, XLSX_TYPE } from './export';
import type { Gql } from './gql';
import { OUTCOME_FILLS, SUMMARY_SHEET, XLSX_HEADERS, type Baseline } from './layout';
import { findDataSheet, readMeta, readRows, type DataSheet, type SheetRow } from './read';
import { Refusal } from './refusal';

const OBS = 'unit { id code } indicator { code } period value status source note version updatedAt updatedBy';
const PUSH = `mutation($input: PushObservationsInput!) { pushObservations(input: $input) {
  batchId applied dryRun replayed created updated deleted unchanged rejected
  rows { index outcome code message observation { ${OBS} } current { ${OBS} } }
  userErrors { code message } } }`;

interface Obs {
  unit: { id: string; code: string };
  indicator: { code: string };
  period: string;
  value: number;
  status: Baseline[5];
  source: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}
interface Payload {
  batchId: string | null;
  applied: boolean;
  dryRun: boolean;
  replayed: boolean;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  rejected: number;
  rows: {
    index: number;
    outcome: RowOutcome;
    code: string | null;
    message: string | null;
    observation: Obs | null;
    current: Obs | null;
  }[];
  userErrors: { code: string; message: string }[];
}

function flag(v: unknown, name: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new Refusal(badInput('BAD_REQUEST', `${name} must be true or false, got ${JSON.stringify(v)}`));
}

async function load(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(body as unknown as ArrayBuffer);
  } catch (e) {
    throw new Refusal(
      badInput('XLSX_MALFORMED', `Not a readable .xlsx workbook: ${e instanceof Error ? e.message.slice(0, 200) : e}`),
    );
  }
  return wb;
}

const texts = (code: string | null): string => {
  if (code === null || !isReasonCode(code)) return '';
  const t = REASONS[code];
  return `${t.vi} / ${t.en}`;
};

const shown = (o: Obs) =>
  `${o.value} (${STATUS_LABELS_VI[o.status]}, phiên bản/version ${o.version}${o.updatedBy ? `, ${o.updatedBy}` : ''})`;

/**
 * POST /import (body: the .xlsx; ?atomic=false for a partial push, ?dryRun=true to preview; header
 * Idempotency-Key, else the file's SHA-256): reads the changed rows of a chitieu export, runs the
 * same pushObservations as the add-in, and answers with the workbook annotated — each data row's
 * outcome in the result column, the row's value and result cells coloured by outcome, the baseline
 * of written rows moved to what is now stored (so the annotated copy can be edited and uploaded
 * again), and a summary sheet. Anything wrong with the file as a whole is refused before a push.
 */
export async function importWorkbook(req: Request, res: Response, gql: Gql): Promise<void> {
  // As a push: an editor's (or admin's) token, before the file is looked at.
  try {
    requireEditor(gql.viewer);
  } catch (e) {
    if (e instanceof AppError) throw new Refusal(e);
    throw e;
  }
  if (!req.is(XLSX_TYPE) && !req.is('application/octet-stream'))
    throw new Refusal(
      badInput(
        'XLSX_MEDIA_TYPE',
        `POST /import takes the .xlsx file as body with Content-Type: ${XLSX_TYPE} (got ${req.headers['content-type'] ?? 'none'})`,
      ),
    );
  const body = req.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new Refusal(badInput('XLSX_MALFORMED', 'The request has no file'));
  const atomic = flag(req.query.atomic, 'atomic', true);
  const dryRun = flag(req.query.dryRun, 'dryRun', false);
  const header = req.headers['idempotency-key'];
  const given = typeof header === 'string' && header.trim() !== '' ? header.trim() : null;

  const wb = await load(body);
  const meta = readMeta(wb);
  const sheet = findDataSheet(wb, meta.dataSheet);
  const cat = await readCatalogue(gql, null);
  const rows = readRows(sheet, cat.indicators);
  const sent = rows.filter((r) => r.input !== null);
  const refused = rows.filter((r) => r.problem !== null);
  // Atomic means the whole file: a row refused here stops the others too (they are previewed instead).
  const preview = dryRun || (atomic && refused.length > 0);
  let payload: Payload | null = null;
  if (sent.length > 0) {
    const key = preview
      ? null
      : (given ?? `xlsx:${createHash('sha256').update(body).digest('hex')}:${atomic ? 'atomic' : 'partial'}`);
    payload = (
      await gql<{ pushObservations: Payload }>(PUSH, {
        input: { rows: sent.map((r) => r.input), atomic, dryRun: preview, ...(key ? { idempotencyKey: key } : {}) },
      })
    ).pushObservations;
  }
  annotate(sheet, rows, sent, payload, refused.length > 0 && atomic && !dryRun);
  summary(wb, rows, sent, payload, { atomic, dryRun, refused: refused.length });

  const name = (typeof req.query.name === 'string' && safeFileName(req.query.name)) || 'chi-tieu';
  res
    .status(200)
    .type(XLSX_TYPE)
    .set({
      'Content-Disposition': `attachment; filename="${name.replace(/\.xlsx$/i, '')}-ket-qua.xlsx"`,
      'Cache-Control': 'no-store',
      'X-Chitieu-Applied': String(payload?.applied === true && !preview),
      'X-Chitieu-Counts': JSON.stringify({
        created: payload?.created ?? 0,
        updated: payload?.updated ?? 0,
        deleted: payload?.deleted ?? 0,
        unchanged: payload?.unchanged ?? 0,
        rejected: (payload?.rejected ?? 0) + refused.length,
        replayed: payload?.replayed ?? false,
      }),
      ...(payload?.batchId ? { 'X-Chitieu-Batch-Id': payload.batchId } : {}),
    });
  await wb.xlsx.write(res);
  res.end();
}

const NO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'none' };

function fill(cell: ExcelJS.Cell, argb: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

function annotate(
  sheet: DataSheet,
  rows: SheetRow[],
  sent: SheetRow[],
  payload: Payload | null,
  stoppedByRefusals: boolean,
): void {
  const { ws, cols } = sheet;
  let resultCol = cols.result;
  if (resultCol === undefined) {
    resultCol = ws.columnCount + 1;
    ws.getRow(1).getCell(resultCol).value = XLSX_HEADERS.result;
  }
  const put = (r: SheetRow, outcome: string, text: string, argb: string) => {
    const row = ws.getRow(r.row);
    const result = row.getCell(resultCol!);
    result.value = text;
    result.numFmt = '@';
    fill(result, argb);
    if (cols.value !== undefined) fill(row.getCell(cols.value), argb);
    void outcome;
  };
  for (const r of rows) {
    if (r.problem)
      put(
        r,
        'INVALID',
        `INVALID ${r.problem.code}: ${texts(r.problem.code)} — ${r.problem.message}`,
        OUTCOME_FILLS.INVALID!,
      );
    else if (r.input === null) {
      // Not sent: whatever an earlier upload wrote on this row (the annotated copy uploaded again) goes.
      const row = ws.getRow(r.row);
      const c = row.getCell(resultCol);
      if (c.value !== null || c.fill) {
        c.value = null;
        c.fill = NO_FILL;
        if (cols.value !== undefined) row.getCell(cols.value).fill = NO_FILL;
      }
    }
  }
  if (!payload) return;
  const written = payload.applied && !payload.dryRun;
  payload.rows.forEach((res) => {
    const r = sent[res.index]!;
    const row = ws.getRow(r.row);
    const label = OUTCOME_TEXTS[res.outcome];
    let text = `${res.outcome}: ${label.vi} / ${label.en}`;
    let argb = OUTCOME_FILLS[res.outcome]!;
    if (res.code) text += ` — ${res.code}: ${texts(res.code)}`;
    if (res.message && REJECTING_OUTCOMES.has(res.outcome)) text += ` (${res.message})`;
    if (res.current && res.outcome === 'CONFLICT') text += ` — máy chủ/server: ${shown(res.current)}`;
    if (r.readAs) text += ` — "${r.readAs.text}" đọc là/read as ${r.readAs.value}`;
    const wouldWrite = !REJECTING_OUTCOMES.has(res.outcome) && res.outcome !== 'UNCHANGED';
    if (wouldWrite && !written) {
      argb = OUTCOME_FILLS.NOT_WRITTEN!;
      text = stoppedByRefusals
        ? `${texts('XLSX_NOT_SENT')} (${res.outcome})`
        : payload.dryRun
          ? `${res.outcome} (xem trước, chưa ghi / preview, not written)`
          : `${texts('ATOMIC_PUSH_REJECTED')} (${res.outcome})`;
    }
    put(r, res.outcome, text, argb);
    // What is stored now becomes the row's baseline, so the annotated copy can be uploaded again.
    const stored = written || res.outcome === 'UNCHANGED' ? res.observation : null;
    if (stored && cols.baseline !== undefined) {
      const base: Baseline = [
        stored.unit.code,
        stored.unit.id,
        stored.indicator.code,
        stored.period,
        stored.value,
        stored.status,
        stored.source,
        stored.note,
        stored.version,
      ];
      row.getCell(cols.baseline).value = JSON.stringify(base);
      if (cols.version !== undefined) row.getCell(cols.version).value = stored.version;
      if (cols.unitId !== undefined) row.getCell(cols.unitId).value = stored.unit.id;
      if (cols.value !== undefined && r.readAs) row.getCell(cols.value).value = stored.value;
    } else if (written && res.outcome === 'DELETED' && cols.baseline !== undefined) {
      row.getCell(cols.baseline).value = null;
      if (cols.version !== undefined) row.getCell(cols.version).value = null;
    }
  });
}

function summary(
  wb: ExcelJS.Workbook,
  rows: SheetRow[],
  sent: SheetRow[],
  p: Payload | null,
  o: { atomic: boolean; dryRun: boolean; refused: number },
): void {
  const old = wb.getWorksheet(SUMMARY_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  ws.getColumn(1).width = 36;
  ws.getColumn(2).width = 80;
  const lines: [string, string | number | boolean][] = [
    ['Thời điểm / At', new Date().toISOString()],
    ['Tất cả hoặc không / Atomic', o.atomic],
    ['Xem trước / Dry run', o.dryRun],
    ['Dòng đã đọc / Rows read', rows.length],
    ['Dòng thay đổi đã gửi / Changed rows sent', sent.length],
    ['Dòng không hợp lệ trong tệp / Rows refused in the file', o.refused],
    ['Đã ghi / Written', p !== null && p.applied && !p.dryRun],
    ['Đã thêm / Created', p?.created ?? 0],
    ['Đã cập nhật / Updated', p?.updated ?? 0],
    ['Đã xoá / Deleted', p?.deleted ?? 0],
    ['Không đổi / Unchanged', p?.unchanged ?? 0],
    ['Bị từ chối / Rejected', (p?.rejected ?? 0) + o.refused],
    ['Lặp lại lần gửi trước / Replayed', p?.replayed ?? false],
    ['Mã lô / Batch', p?.batchId ?? ''],
  ];
  for (const e of p?.userErrors ?? []) lines.push([e.code, e.message]);
  for (const l of lines) ws.addRow(l);
  ws.getColumn(1).font = { bold: true };
}
