/**
 * The task pane's words, Vietnamese first (the statisticians' language), English second (for
 * support staff and integrators). Placeholders are {name}; a missing English string falls back
 * to Vietnamese rather than showing a key.
 */
import { createContext, useContext } from 'react';
import type { MarkState } from '../sync';

export type Lang = 'vi' | 'en';

const vi = {
  appTitle: 'Chỉ tiêu Nghị quyết',
  language: 'English',
  connectTitle: 'Kết nối máy chủ',
  serverUrl: 'Địa chỉ máy chủ',
  token: 'Mã truy cập',
  tokenHint: 'Mã do quản trị viên cấp (ctk_…). Chỉ lưu trên máy này, không lưu trong tệp Excel.',
  connect: 'Kết nối',
  disconnect: 'Đăng xuất',
  connectedAs: 'Đã kết nối: {name} ({role})',
  role_ADMIN: 'quản trị',
  role_PROVINCE_EDITOR: 'biên tập cấp tỉnh',
  role_DISTRICT_EDITOR: 'biên tập cấp huyện',
  role_VIEWER: 'chỉ xem',
  pullTitle: 'Tải số liệu về trang tính',
  unit: 'Đơn vị (huyện, tỉnh)',
  unitPlaceholder: 'Gõ tên, ví dụ: ha trung',
  noUnits: 'Không tìm thấy đơn vị',
  layout: 'Cách trình bày',
  layoutTerm: 'Bảng chỉ tiêu nhiệm kỳ',
  layoutLong: 'Bảng dọc (mỗi dòng một số liệu)',
  term: 'Nhiệm kỳ',
  noTerms: 'Đơn vị này chưa có nhiệm kỳ trên máy chủ',
  indicators: 'Chỉ tiêu (để trống: tất cả)',
  fromYear: 'Từ năm',
  toYear: 'Đến năm',
  pull: 'Tải về',
  sheetTitle: 'Trang tính đang mở',
  sheetBound: '{name}: {layout}, tải lúc {time}',
  sheetUnbound: '"{name}" chưa được tải từ máy chủ. Hãy tải số liệu hoặc chọn trang tính đã tải.',
  sheetCorrupt: 'Dữ liệu đối chiếu của "{name}" bị hỏng. Hãy tải lại trang tính này.',
  recheck: 'Kiểm tra lại',
  atomic: 'Tất cả hoặc không (một ô lỗi thì không ghi ô nào)',
  newStatus: 'Tình trạng cho số mới nhập',
  preview: 'Xem trước',
  push: 'Gửi lên máy chủ',
  refresh: 'Cập nhật từ máy chủ',
  progressDownload: 'Đang tải về {done}/{total} dòng…',
  progressWrite: 'Đang ghi vào trang tính {done}/{total} dòng…',
  progressPush: 'Đang gửi {done}/{total} ô lên máy chủ…',
  working: 'Đang xử lý…',
  pulled: 'Đã tải {rows} ô vào trang tính "{sheet}".',
  refreshed: 'Đã cập nhật "{sheet}" từ máy chủ.',
  nothingToPush: 'Không có thay đổi nào để gửi.',
  previewSummary: 'Xem trước ({sent} ô sẽ gửi):',
  pushSummaryApplied: 'Đã gửi: máy chủ đã ghi.',
  pushSummaryPartial: 'Đã ghi {written} ô; {open} ô chưa ghi, cần xử lý (xem bên dưới).',
  pushSummaryRejected: 'Chưa ghi gì: có ô bị từ chối, vì chọn "tất cả hoặc không". Sửa các ô đánh dấu rồi gửi lại.',
  missingRows: '{n} dòng đã tải về không còn trên trang tính; chúng KHÔNG bị xoá trên máy chủ (muốn xoá, hãy xoá giá trị trong ô).',
  repaired: 'Đã khôi phục số 0 ở đầu {n} mã.',
  results: 'Kết quả',
  clickToSelect: 'Bấm vào một dòng để chọn ô đó trong trang tính.',
  conflictTitle: 'Xung đột tại {cell}',
  conflictBody: 'Máy chủ: {server} (do {by} sửa lúc {at}). Của bạn: {mine}.',
  conflictDeleted: 'Trên máy chủ giá trị này đã bị xoá. Của bạn: {mine}.',
  takeServer: 'Lấy số của máy chủ',
  keepMine: 'Giữ số của tôi',
  unknownAuthor: 'người khác',
  emptyValue: '(trống)',
  refreshDecideTitle: 'Trang tính có thay đổi chưa gửi',
  refreshDecideBody: 'Có {edits} ô đã sửa chưa gửi và {problems} ô chưa hợp lệ. Cập nhật từ máy chủ sẽ làm gì với chúng?',
  refreshDecideConflicts: '{n} ô trong số đó cũng đã bị người khác sửa trên máy chủ: chúng sẽ được đánh dấu xung đột.',
  refreshCannotMerge: 'Không giữ được các thay đổi: có ô không đọc được (mã, kỳ bị sai hoặc trùng) hoặc thiếu cột. Hãy sửa trước, hoặc bỏ các thay đổi.',
  refreshMerge: 'Giữ thay đổi của tôi',
  refreshOverwrite: 'Bỏ thay đổi, lấy số máy chủ',
  cancel: 'Huỷ',
  compareTitle: 'So sánh các huyện trong tỉnh',
  province: 'Tỉnh',
  compare: 'So sánh',
  comparedPivot: 'Đã tạo bảng dọc "{sheet}" và PivotTable "{pivot}".',
  comparePickIndicator: 'Trong ô lọc "Chỉ tiêu" của PivotTable, hãy chọn một chỉ tiêu: cộng các chỉ tiêu khác nhau không có ý nghĩa.',
  compareNoPivot: 'Đã tạo bảng dọc "{sheet}". Excel này chưa hỗ trợ tạo PivotTable từ add-in (cần ExcelApi 1.8, Excel 2019 trở lên): hãy chèn PivotTable bằng tay (Insert › PivotTable).',
  legend: 'Chú giải màu',
  warnings: 'Lưu ý',
  needsExcel: 'Trang này chạy bên trong Excel. Hãy mở add-in từ nút "Chỉ tiêu" trên thanh Home của Excel.',
};

export type MessageKey = keyof typeof vi;

const en: Partial<Record<MessageKey, string>> = {
  appTitle: 'Resolution indicators',
  language: 'Tiếng Việt',
  connectTitle: 'Connect to the server',
  serverUrl: 'Server address',
  token: 'Access token',
  tokenHint: 'The token your administrator gave you (ctk_…). Kept on this computer only, never in the workbook.',
  connect: 'Connect',
  disconnect: 'Sign out',
  connectedAs: 'Connected: {name} ({role})',
  role_ADMIN: 'administrator',
  role_PROVINCE_EDITOR: 'province editor',
  role_DISTRICT_EDITOR: 'district editor',
  role_VIEWER: 'read only',
  pullTitle: 'Pull figures into a sheet',
  unit: 'Unit (district, province)',
  unitPlaceholder: 'Type a name, e.g. ha trung',
  noUnits: 'No unit found',
  layout: 'Layout',
  layoutTerm: 'Term indicator table',
  layoutLong: 'Long table (one figure per row)',
  term: 'Term',
  noTerms: 'This unit has no term on the server yet',
  indicators: 'Indicators (empty: all)',
  fromYear: 'From year',
  toYear: 'To year',
  pull: 'Pull',
  sheetTitle: 'Current sheet',
  sheetBound: '{name}: {layout}, pulled {time}',
  sheetUnbound: '"{name}" was not pulled from the server. Pull figures or pick a pulled sheet.',
  sheetCorrupt: 'The stored baseline of "{name}" is damaged. Pull this sheet again.',
  recheck: 'Check again',
  atomic: 'All or nothing (one bad cell means nothing is written)',
  newStatus: 'Status of newly typed figures',
  preview: 'Preview',
  push: 'Push to server',
  refresh: 'Refresh from server',
  progressDownload: 'Downloading {done}/{total} rows…',
  progressWrite: 'Writing to the sheet {done}/{total} rows…',
  progressPush: 'Sending {done}/{total} cells to the server…',
  working: 'Working…',
  pulled: 'Pulled {rows} cells into sheet "{sheet}".',
  refreshed: 'Refreshed "{sheet}" from the server.',
  nothingToPush: 'Nothing to push.',
  previewSummary: 'Preview ({sent} cells to send):',
  pushSummaryApplied: 'Pushed: the server wrote it.',
  pushSummaryPartial: 'Wrote {written} cells; {open} cells were not written and need attention (see below).',
  pushSummaryRejected: 'Nothing written: some cells were refused and "all or nothing" is on. Fix the marked cells and push again.',
  missingRows: '{n} pulled rows are no longer in the sheet; they are NOT deleted on the server (to delete, clear the value cell).',
  repaired: 'Restored the leading zeros of {n} codes.',
  results: 'Results',
  clickToSelect: 'Click a line to select its cell in the sheet.',
  conflictTitle: 'Conflict at {cell}',
  conflictBody: 'Server: {server} (changed by {by} at {at}). Yours: {mine}.',
  conflictDeleted: 'The server deleted this value. Yours: {mine}.',
  takeServer: 'Take server value',
  keepMine: 'Keep mine',
  unknownAuthor: 'someone else',
  emptyValue: '(empty)',
  refreshDecideTitle: 'The sheet has un-pushed changes',
  refreshDecideBody: '{edits} edited cells are not pushed and {problems} cells are not valid. What should the refresh do with them?',
  refreshDecideConflicts: '{n} of them were also changed on the server by someone else: they will be marked as conflicts.',
  refreshCannotMerge: 'Your changes cannot be kept: some cells cannot be read (bad or duplicate code or period) or a column is missing. Fix them first, or discard your changes.',
  refreshMerge: 'Keep my changes',
  refreshOverwrite: 'Discard my changes',
  cancel: 'Cancel',
  compareTitle: 'Compare districts of a province',
  province: 'Province',
  compare: 'Compare',
  comparedPivot: 'Created long table "{sheet}" and PivotTable "{pivot}".',
  comparePickIndicator: 'Pick one indicator in the PivotTable\'s "Chỉ tiêu" filter: adding different indicators together means nothing.',
  compareNoPivot: 'Created long table "{sheet}". This Excel cannot create PivotTables from an add-in (needs ExcelApi 1.8, Excel 2019 or later): insert one by hand (Insert › PivotTable).',
  legend: 'Colour legend',
  warnings: 'Notes',
  needsExcel: 'This page runs inside Excel. Open the add-in with the "Chỉ tiêu" button on Excel\'s Home tab.',
};

export const STATE_LABELS: Readonly<Record<Lang, Readonly<Record<MarkState, string>>>> = {
  vi: {
    WILL_CREATE: 'Sẽ thêm mới', WILL_UPDATE: 'Sẽ cập nhật', WILL_DELETE: 'Sẽ xoá', WILL_BE_UNCHANGED: 'Không đổi',
    CREATED: 'Đã thêm', UPDATED: 'Đã cập nhật', DELETED: 'Đã xoá', UNCHANGED: 'Không đổi',
    CONFLICT: 'Xung đột', LOCKED: 'Đã khoá (đã phê duyệt)', INVALID: 'Không hợp lệ', FORBIDDEN: 'Không có quyền',
    NOT_APPLIED: 'Chưa ghi', NO_RESULT: 'Chưa có kết quả', LOCAL_PROBLEM: 'Ô chưa hợp lệ',
  },
  en: {
    WILL_CREATE: 'Will create', WILL_UPDATE: 'Will update', WILL_DELETE: 'Will delete', WILL_BE_UNCHANGED: 'Unchanged',
    CREATED: 'Created', UPDATED: 'Updated', DELETED: 'Deleted', UNCHANGED: 'Unchanged',
    CONFLICT: 'Conflict', LOCKED: 'Locked (approved)', INVALID: 'Invalid', FORBIDDEN: 'Forbidden',
    NOT_APPLIED: 'Not written', NO_RESULT: 'No result', LOCAL_PROBLEM: 'Invalid cell',
  },
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => {
    let s = (lang === 'en' ? en[key] : undefined) ?? vi[key];
    for (const [k, v] of Object.entries(params ?? {})) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** Numbers as the user's language writes them: 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(lang: Lang, n: number): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 6 });
}

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'vi', t: translator('vi') });
export const useT = () => useContext(LangContext);
