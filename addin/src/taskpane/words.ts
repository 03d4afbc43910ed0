/**
 * The task pane's sentences, each in both languages side by side (the `Texts` shape: see i18n.ts).
 * Placeholders are {name}. Labels of codes (mark states, statuses, roles) are in labels.ts.
 */
import type { Texts } from '../../../schema/contract/reasons';

export const WORDS = {
  appTitle: { vi: 'Chỉ tiêu Nghị quyết', en: 'Resolution indicators' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  connectTitle: { vi: 'Kết nối máy chủ', en: 'Connect to the server' },
  serverUrl: { vi: 'Địa chỉ máy chủ', en: 'Server address' },
  token: { vi: 'Mã truy cập', en: 'Access token' },
  tokenHint: {
    vi: 'Mã do quản trị viên cấp (ctk_…). Chỉ lưu trên máy này, không lưu trong tệp Excel.',
    en: 'The token your administrator gave you (ctk_…). Kept on this computer only, never in the workbook.',
  },
  connect: { vi: 'Kết nối', en: 'Connect' },
  disconnect: { vi: 'Đăng xuất', en: 'Sign out' },
  connectedAs: { vi: 'Đã kết nối: {name} ({role})', en: 'Connected: {name} ({role})' },
  pullTitle: { vi: 'Tải số liệu về trang tính', en: 'Pull figures into a sheet' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  unitPlaceholder: { vi: 'Gõ tên, ví dụ: ha trung', en: 'Type a name, e.g. ha trung' },
  unitLevel: { vi: 'Cấp đơn vị', en: 'Level' },
  beforeReform: { vi: 'Trước 1/7/2025', en: 'Before 1 July 2025' },
  noDistrictsToday: {
    vi: 'Từ 1/7/2025 không còn cấp huyện: bật "Trước 1/7/2025" để chọn huyện.',
    en: 'There are no districts since 1 July 2025: switch on "Before 1 July 2025" to pick a district.',
  },
  noUnits: { vi: 'Không tìm thấy đơn vị', en: 'No unit found' },
  layout: { vi: 'Cách trình bày', en: 'Layout' },
  layoutTerm: { vi: 'Bảng chỉ tiêu nhiệm kỳ', en: 'Term indicator table' },
  layoutLong: { vi: 'Bảng dọc (mỗi dòng một số liệu)', en: 'Long table (one figure per row)' },
  term: { vi: 'Nhiệm kỳ', en: 'Term' },
  noTerms: { vi: 'Đơn vị này chưa có nhiệm kỳ trên máy chủ', en: 'This unit has no term on the server yet' },
  provinceOwn: {
    vi: 'Số của chính tỉnh (không lấy số của huyện, xã trực thuộc)',
    en: "The province's own figures (not its districts' or communes')",
  },
  boundaries: { vi: 'Ranh giới', en: 'Boundaries' },
  boundariesReported: { vi: 'như đã báo cáo', en: 'as reported' },
  boundariesCurrent: { vi: 'hiện nay (sau 1/7/2025)', en: 'today’s (after 1 July 2025)' },
  boundariesHint: {
    vi: 'Số của các đơn vị đã sáp nhập được cộng gộp vào đơn vị hiện nay; các dòng tính gộp tô màu và chỉ để xem.',
    en: 'Figures of merged units are combined into today’s units; combined rows are shaded and read-only.',
  },
  indicators: { vi: 'Chỉ tiêu (để trống: tất cả)', en: 'Indicators (empty: all)' },
  fromYear: { vi: 'Từ năm', en: 'From year' },
  toYear: { vi: 'Đến năm', en: 'To year' },
  pull: { vi: 'Tải về', en: 'Pull' },
  sheetTitle: { vi: 'Trang tính đang mở', en: 'Current sheet' },
  sheetBound: { vi: '{name}: {layout}, tải lúc {time}', en: '{name}: {layout}, pulled {time}' },
  sheetUnbound: {
    vi: '"{name}" chưa được tải từ máy chủ. Hãy tải số liệu hoặc chọn trang tính đã tải.',
    en: '"{name}" was not pulled from the server. Pull figures or pick a pulled sheet.',
  },
  sheetCorrupt: {
    vi: 'Dữ liệu đối chiếu của "{name}" bị hỏng. Hãy tải lại trang tính này.',
    en: 'The stored baseline of "{name}" is damaged. Pull this sheet again.',
  },
  recheck: { vi: 'Kiểm tra lại', en: 'Check again' },
  atomic: {
    vi: 'Tất cả hoặc không (một ô lỗi thì không ghi ô nào)',
    en: 'All or nothing (one bad cell means nothing is written)',
  },
  newStatus: { vi: 'Tình trạng cho số mới nhập', en: 'Status of newly typed figures' },
  preview: { vi: 'Xem trước', en: 'Preview' },
  push: { vi: 'Gửi lên máy chủ', en: 'Push to server' },
  refresh: { vi: 'Cập nhật từ máy chủ', en: 'Refresh from server' },
  sentences: { vi: 'Nhận định cho báo cáo', en: 'Report sentences' },
  sentencesHint: {
    vi: 'Câu nhận định do máy chủ tính từ số liệu của nhiệm kỳ ("đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%"), ghi vào một trang tính mới để chép vào báo cáo.',
    en: 'Sentences the server derives from the term’s figures ("met or exceeded 11 of 27 targets (40.7%)"), written into a new sheet to copy into the report.',
  },
  sentencesWritten: {
    vi: 'Đã ghi câu nhận định vào trang tính "{sheet}".',
    en: 'The report sentences are in the sheet "{sheet}".',
  },
  progressDownload: { vi: 'Đang tải về {done}/{total} dòng…', en: 'Downloading {done}/{total} rows…' },
  progressWrite: {
    vi: 'Đang ghi vào trang tính {done}/{total} dòng…',
    en: 'Writing to the sheet {done}/{total} rows…',
  },
  progressPush: { vi: 'Đang gửi {done}/{total} ô lên máy chủ…', en: 'Sending {done}/{total} cells to the server…' },
  working: { vi: 'Đang xử lý…', en: 'Working…' },
  progressTitle: { vi: 'Tiến độ', en: 'Progress' },
  cancelJob: { vi: 'Huỷ', en: 'Cancel' },
  cancelWriting: {
    vi: 'Đang ghi vào trang tính: không huỷ được giữa chừng để trang tính không bị ghi dở.',
    en: 'Writing the sheet: this cannot be cancelled halfway, so the sheet is never left half-written.',
  },
  cancelling: { vi: 'Đang huỷ…', en: 'Cancelling…' },
  cancelAfterSent: {
    vi: 'Yêu cầu đã gửi lên máy chủ: phần đã gửi vẫn sẽ được ghi; phần chưa gửi sẽ không gửi nữa…',
    en: 'The request was already sent: what was sent will still be written; nothing more will be sent…',
  },
  cancelledPull: {
    vi: 'Đã huỷ tải về: trang tính không thay đổi.',
    en: 'Pull cancelled: the workbook is unchanged.',
  },
  cancelledPreview: { vi: 'Đã huỷ xem trước.', en: 'Preview cancelled.' },
  cancelledPush: {
    vi: 'Đã huỷ: chưa gửi gì lên máy chủ, các thay đổi vẫn còn trên trang tính.',
    en: 'Cancelled: nothing was sent to the server; your changes are still in the sheet.',
  },
  cancelTooLatePull: {
    vi: 'Không huỷ kịp: trang tính đã được ghi xong.',
    en: 'Too late to cancel: the sheet was already written.',
  },
  cancelTooLatePush: {
    vi: 'Không huỷ kịp: yêu cầu đã gửi và máy chủ đã xử lý (xem Kết quả).',
    en: 'Too late to cancel: the request was sent and the server processed it (see Results).',
  },
  pushSummaryStopped: {
    vi: 'Đã dừng theo yêu cầu: {written} ô đã gửi và được máy chủ xử lý; {unsent} ô chưa gửi (vẫn là thay đổi chưa gửi).',
    en: 'Stopped as asked: {written} cells were sent and processed by the server; {unsent} cells were not sent (they are still un-pushed changes).',
  },
  announceStart: { vi: 'Bắt đầu {what}…', en: 'Started: {what}…' },
  announceProgress: { vi: '{stage}: {percent}%', en: '{stage}: {percent}%' },
  stageDownload: { vi: 'Đang tải về', en: 'Downloading' },
  stageWrite: { vi: 'Đang ghi vào trang tính', en: 'Writing the sheet' },
  stagePush: { vi: 'Đang gửi lên máy chủ', en: 'Sending to the server' },
  jobPull: { vi: 'tải về', en: 'pull' },
  jobPreview: { vi: 'xem trước', en: 'preview' },
  jobPush: { vi: 'gửi lên máy chủ', en: 'push' },
  jobConnect: { vi: 'kết nối', en: 'connect' },
  jobResolve: { vi: 'xử lý xung đột', en: 'settle a conflict' },
  dismiss: { vi: 'Đóng thông báo', en: 'Dismiss' },
  pulled: { vi: 'Đã tải {rows} ô vào trang tính "{sheet}".', en: 'Pulled {rows} cells into sheet "{sheet}".' },
  refreshed: { vi: 'Đã cập nhật "{sheet}" từ máy chủ.', en: 'Refreshed "{sheet}" from the server.' },
  nothingToPush: { vi: 'Không có thay đổi nào để gửi.', en: 'Nothing to push.' },
  previewSummary: { vi: 'Xem trước ({sent} ô sẽ gửi):', en: 'Preview ({sent} cells to send):' },
  pushSummaryApplied: { vi: 'Đã gửi: máy chủ đã ghi.', en: 'Pushed: the server wrote it.' },
  pushSummaryPartial: {
    vi: 'Đã ghi {written} ô; {open} ô chưa ghi, cần xử lý (xem bên dưới).',
    en: 'Wrote {written} cells; {open} cells were not written and need attention (see below).',
  },
  pushSummaryRejected: {
    vi: 'Chưa ghi gì: có ô bị từ chối, vì chọn "tất cả hoặc không". Sửa các ô đánh dấu rồi gửi lại.',
    en: 'Nothing written: some cells were refused and "all or nothing" is on. Fix the marked cells and push again.',
  },
  missingRows: {
    vi: '{n} dòng đã tải về không còn trên trang tính; chúng KHÔNG bị xoá trên máy chủ (muốn xoá, hãy xoá giá trị trong ô).',
    en: '{n} pulled rows are no longer in the sheet; they are NOT deleted on the server (to delete, clear the value cell).',
  },
  repaired: { vi: 'Đã khôi phục số 0 ở đầu {n} mã.', en: 'Restored the leading zeros of {n} codes.' },
  results: { vi: 'Kết quả', en: 'Results' },
  clickToSelect: {
    vi: 'Bấm vào một dòng để chọn ô đó trong trang tính.',
    en: 'Click a line to select its cell in the sheet.',
  },
  conflictTitle: { vi: 'Xung đột tại {cell}', en: 'Conflict at {cell}' },
  conflictServer: { vi: 'Trên máy chủ', en: 'On the server' },
  conflictServerBy: { vi: '{value} (do {by} sửa lúc {at})', en: '{value} (changed by {by} at {at})' },
  conflictServerDeleted: { vi: 'đã bị xoá', en: 'deleted' },
  conflictMine: { vi: 'Của bạn', en: 'Yours' },
  conflictPulled: { vi: 'Lúc tải về', en: 'When you pulled' },
  conflictChoose: {
    vi: 'Chọn giữ số nào. Giữ số của bạn sẽ ghi đè số trên máy chủ.',
    en: "Choose which figure to keep. Keeping yours overwrites the server's figure.",
  },
  takeServer: { vi: 'Lấy số của máy chủ', en: 'Take server value' },
  keepMine: { vi: 'Giữ số của tôi', en: 'Keep mine' },
  unknownAuthor: { vi: 'người khác', en: 'someone else' },
  emptyValue: { vi: '(trống)', en: '(empty)' },
  refreshDecideTitle: { vi: 'Trang tính có thay đổi chưa gửi', en: 'The sheet has un-pushed changes' },
  refreshDecideBody: {
    vi: 'Có {edits} ô đã sửa chưa gửi và {problems} ô chưa hợp lệ. Cập nhật từ máy chủ sẽ làm gì với chúng?',
    en: '{edits} edited cells are not pushed and {problems} cells are not valid. What should the refresh do with them?',
  },
  refreshDecideConflicts: {
    vi: '{n} ô trong số đó cũng đã bị người khác sửa trên máy chủ: chúng sẽ được đánh dấu xung đột.',
    en: '{n} of them were also changed on the server by someone else: they will be marked as conflicts.',
  },
  refreshCannotMerge: {
    vi: 'Không giữ được các thay đổi: có ô không đọc được (mã, kỳ bị sai hoặc trùng) hoặc thiếu cột. Hãy sửa trước, hoặc bỏ các thay đổi.',
    en: 'Your changes cannot be kept: some cells cannot be read (bad or duplicate code or period) or a column is missing. Fix them first, or discard your changes.',
  },
  refreshMerge: { vi: 'Giữ thay đổi của tôi', en: 'Keep my changes' },
  refreshOverwrite: { vi: 'Bỏ thay đổi, lấy số máy chủ', en: 'Discard my changes' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  compareTitle: { vi: 'So sánh các huyện trong tỉnh', en: 'Compare districts of a province' },
  province: { vi: 'Tỉnh', en: 'Province' },
  compare: { vi: 'So sánh', en: 'Compare' },
  comparedLong: {
    vi: 'Đã tạo bảng dọc "{sheet}" (sửa và gửi được).',
    en: 'Created long table "{sheet}" (editable, can be pushed).',
  },
  comparedSheets: {
    vi: 'Bảng so sánh "{sheet}" ({rows} dòng, chỉ đọc: mục tiêu, mức đạt, thứ hạng), PivotTable "{pivot}" và "{bands}" (mức đạt theo màu) và bảng kết quả "{scorecard}" đã được cập nhật từ máy chủ.',
    en: 'Comparison "{sheet}" ({rows} rows, read-only: targets, bands, ranks), PivotTables "{pivot}" and "{bands}" (bands as colours) and scorecard "{scorecard}" updated from the server.',
  },
  comparedSheetsNoPivot: {
    vi: 'Bảng so sánh "{sheet}" ({rows} dòng, chỉ đọc) và bảng kết quả "{scorecard}" đã được cập nhật. Excel này chưa hỗ trợ tạo PivotTable từ add-in (cần ExcelApi 1.8, có trong Microsoft 365, Excel 2021, Excel 2024 và Excel trên web): hãy chèn PivotTable từ bảng "{sheet}" bằng tay (Insert › PivotTable).',
    en: 'Comparison "{sheet}" ({rows} rows, read-only) and scorecard "{scorecard}" updated. This Excel cannot create PivotTables from an add-in (needs ExcelApi 1.8, which Microsoft 365, Excel 2021, Excel 2024 and Excel on the web have): insert one from "{sheet}" by hand (Insert › PivotTable).',
  },
  legend: { vi: 'Chú giải màu', en: 'Colour legend' },
  warnings: { vi: 'Lưu ý', en: 'Notes' },
  needsExcel: {
    vi: 'Trang này chạy bên trong Excel. Hãy mở add-in từ nút "Chỉ tiêu" trên thanh Home của Excel.',
    en: 'This page runs inside Excel. Open the add-in with the "Chỉ tiêu" button on Excel\'s Home tab.',
  },
  /** After a cell's explanation, when the add-in can tell what was meant ("12,5" → 12.5). */
  didYouMean: { vi: '(có phải {value}?)', en: '(did you mean {value}?)' },
  // The Excel functions (CHITIEU.GIATRI …): the pane's refresh
  functionsTitle: { vi: 'Hàm CHITIEU trong Excel', en: 'CHITIEU functions in Excel' },
  functionsHelp: {
    vi: 'Các ô =CHITIEU.GIATRI, .MUCTIEU, .TYLEDAT, .XEPHANG giữ số đã lấy cho đến khi làm mới.',
    en: 'Cells with =CHITIEU.GETVALUE, .GETTARGET, .GETPROGRESS, .GETRANK keep their figures until refreshed.',
  },
  functionsRefresh: { vi: 'Làm mới các hàm CHITIEU', en: 'Refresh CHITIEU functions' },
  functionsRefreshed: {
    vi: 'Đã lấy lại số liệu cho các hàm CHITIEU.',
    en: 'The CHITIEU functions fetched their figures again.',
  },
} satisfies Readonly<Record<string, Texts>>;

export type MessageKey = keyof typeof WORDS;
