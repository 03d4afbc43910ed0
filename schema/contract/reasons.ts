/**
 * Every machine-readable reason the server gives — `extensions.reason` of a top-level error,
 * `UserError.code`, `RowResult.code` — with what it means for a person, in Vietnamese and English.
 *
 * The type `ReasonCode` is derived from this table, so the server cannot emit a reason that has no
 * explanation (it would not compile), and the add-in explains every one without a copy of its own.
 */

/** One text in both of the project's languages. The one translation shape of the project. */
export interface Texts {
  readonly vi: string;
  readonly en: string;
}

const t = (vi: string, en: string): Texts => ({ vi, en });

export const REASONS = {
  // The six top-level codes, used as their own reason when nothing finer applies.
  BAD_USER_INPUT: t('Yêu cầu không hợp lệ', 'The request is not valid'),
  UNAUTHENTICATED: t('Chưa đăng nhập hoặc mã truy cập không đúng', 'No token, or the token is not valid'),
  FORBIDDEN: t('Tài khoản của bạn không được làm việc này', 'Your account may not do this'),
  NOT_FOUND: t(
    'Không tìm thấy: số liệu đã bị người khác xoá sau khi bạn tải về',
    'Not found: someone deleted this value after you pulled it',
  ),
  CONFLICT: t('Xung đột với dữ liệu trên máy chủ', 'Conflicts with the data on the server'),
  DATABASE_UNAVAILABLE: t(
    'Không kết nối được cơ sở dữ liệu; chưa có gì thay đổi. Hãy thử lại sau ít giây',
    'The database cannot be reached; nothing was changed. Try again in a few seconds',
  ),
  OUTCOME_UNKNOWN: t(
    'Mất kết nối cơ sở dữ liệu đúng lúc ghi: chưa rõ đã lưu hay chưa. Gửi lại với cùng khóa idempotencyKey',
    'The database connection was lost while committing: the write may or may not be saved. Send it again with the same idempotencyKey',
  ),
  INTERNAL: t(
    'Lỗi máy chủ; hãy thử lại sau hoặc báo quản trị viên',
    'Server error; try again later or tell the administrator',
  ),

  // Malformed requests (graphql-js and Apollo's own codes, mapped to BAD_USER_INPUT)
  GRAPHQL_PARSE_FAILED: t('Câu truy vấn GraphQL sai cú pháp', 'The GraphQL query does not parse'),
  GRAPHQL_VALIDATION_FAILED: t(
    'Câu truy vấn GraphQL không khớp với lược đồ',
    'The GraphQL query does not match the schema',
  ),
  BAD_REQUEST: t('Yêu cầu HTTP không đúng dạng', 'The HTTP request is malformed'),
  OPERATION_RESOLUTION_FAILURE: t('Không xác định được thao tác cần chạy', 'Cannot tell which operation to run'),
  PERSISTED_QUERY_NOT_SUPPORTED: t('Máy chủ không hỗ trợ truy vấn lưu sẵn', 'Persisted queries are not supported'),
  PERSISTED_QUERY_NOT_FOUND: t('Không có truy vấn lưu sẵn này', 'Unknown persisted query'),
  INVALID_VARIABLES: t('Biến của truy vấn không hợp lệ', 'The query variables are not valid'),
  // HTTP-level refusals (before GraphQL runs)
  MALFORMED_JSON: t('Nội dung yêu cầu không phải JSON hợp lệ', 'The request body is not valid JSON'),
  BODY_TOO_LARGE: t(
    'Yêu cầu quá lớn; hãy gửi ít dòng hơn mỗi lần',
    'The request body is too large; send fewer rows per request',
  ),
  UNSUPPORTED_MEDIA_TYPE: t(
    'Yêu cầu phải gửi dạng JSON (Content-Type: application/json)',
    'Send the request as JSON (Content-Type: application/json)',
  ),
  METHOD_NOT_ALLOWED: t(
    'Phương thức HTTP không được phép (thay đổi dữ liệu phải dùng POST)',
    'HTTP method not allowed (changes need POST)',
  ),
  CSRF_PREVENTED: t(
    'Yêu cầu bị chặn để chống giả mạo (CSRF): gửi kèm Content-Type: application/json hoặc Apollo-Require-Preflight',
    'Blocked as a possible cross-site request forgery: send Content-Type: application/json or Apollo-Require-Preflight',
  ),
  // Spreadsheet exports and uploads (GET /export/…xlsx, POST /import)
  XLSX_MEDIA_TYPE: t(
    'Hãy gửi tệp .xlsx làm nội dung yêu cầu (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
    'Send the .xlsx file as the request body (Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
  ),
  XLSX_MALFORMED: t(
    'Tệp gửi lên không phải tệp Excel .xlsx đọc được (hỏng, hoặc là .xls/.csv); chưa có gì thay đổi',
    'The file is not a readable Excel .xlsx workbook (damaged, or an .xls/.csv); nothing was changed',
  ),
  XLSX_FOREIGN: t(
    'Tệp này không phải bảng tải về từ Chỉ tiêu (thiếu trang thông tin ẩn chitieu_export); hãy tải bảng mới tại /export rồi nhập số liệu vào đó',
    'This workbook was not downloaded from chitieu (its hidden chitieu_export sheet is missing); download a table from /export and type the figures into it',
  ),
  XLSX_MISSING_COLUMNS: t(
    'Bảng thiếu cột hoặc cột đã bị đổi tên; hãy giữ nguyên dòng tiêu đề của bảng tải về',
    'The sheet lacks columns, or they were renamed; keep the header row of the downloaded table',
  ),
  XLSX_NOT_UPLOADABLE: t(
    'Bảng này chỉ để xem (bảng so sánh); không gửi lên được',
    'This export is read-only (a comparison); it cannot be uploaded',
  ),
  XLSX_TEXT_NOT_NUMBER: t(
    'Giá trị là chữ, không phải số, hoặc đọc được nhiều cách (1.234 là 1,234 hay 1234?); hãy gõ lại thành số',
    'The value is text, not a number, or reads more than one way (is 1.234 1.234 or 1234?); type it again as a number',
  ),
  XLSX_PERCENT_AMBIGUOUS: t(
    'Ô định dạng phần trăm nhưng chỉ tiêu không đo bằng %: không rõ là 0,015 hay 1,5; hãy định dạng ô là số và gõ lại',
    'A percent-formatted cell on an indicator not measured in %: 0.015 or 1.5? Format the cell as a number and type the figure',
  ),
  XLSX_DATE_IN_VALUE: t(
    'Ô giá trị định dạng ngày tháng nên Excel giữ số ngày, không phải số liệu; hãy định dạng ô là số và gõ lại',
    'The value cell is formatted as a date, so it holds a day count, not the figure; format it as a number and type it again',
  ),
  XLSX_BAD_CELL: t(
    'Ô có lỗi Excel (#N/A, #VALUE!…), giá trị đúng/sai hoặc ngày tháng ở chỗ cần số, mã hay kỳ',
    'The cell holds an Excel error (#N/A, #VALUE!…), a true/false or a date where a number, a code or a period belongs',
  ),
  XLSX_LOST_LEADING_ZERO: t(
    'Mã đã mất số 0 ở đầu (Excel đổi "01" thành 1); hãy định dạng ô là văn bản và gõ lại mã',
    'The code lost its leading zeros (Excel turned "01" into 1); format the cell as text and type the code again',
  ),
  XLSX_MISSING_KEY: t(
    'Dòng thiếu mã đơn vị, mã chỉ tiêu hoặc kỳ',
    'The row lacks its unit code, indicator code or period',
  ),
  XLSX_DUPLICATE_KEY: t(
    'Cùng đơn vị, chỉ tiêu và kỳ xuất hiện nhiều lần trong bảng; không dòng nào được gửi',
    'The same unit, indicator and period appears more than once in the sheet; none of those rows is sent',
  ),
  XLSX_NOT_SENT: t(
    'Chưa gửi: lần gửi là “tất cả hoặc không” (atomic) và có dòng khác trong bảng không hợp lệ',
    'Not sent: the upload is all-or-nothing (atomic) and another row of the sheet is not valid',
  ),
  EXPORT_TOO_LARGE: t(
    'Bảng quá lớn cho một trang tính Excel; hãy lọc theo chỉ tiêu hoặc năm',
    'The table is too large for one Excel sheet; filter by indicator or year',
  ),
  ROUTE_NOT_FOUND: t('Không có địa chỉ này trên máy chủ', 'No such address on the server'),
  METRICS_FORBIDDEN: t(
    'Chỉ hệ thống giám sát có mã METRICS_TOKEN (hoặc chính máy chủ) được đọc /metrics',
    'Only monitoring with the METRICS_TOKEN (or the server itself) may read /metrics',
  ),
  BUDGET_EXHAUSTED: t(
    'Đã dùng hết hạn mức truy vấn của phút này; hãy thử lại sau ít giây',
    'The query budget of this minute is spent; try again in a few seconds',
  ),
  RESPONSE_TOO_LARGE: t(
    'Câu trả lời quá lớn; hãy lấy từng trang nhỏ hơn hoặc ít trường hơn',
    'The answer is too large; ask for smaller pages or fewer fields',
  ),
  QUERY_TOO_COMPLEX: t(
    'Truy vấn quá lớn; hãy chia nhỏ hoặc giảm số dòng mỗi trang',
    'The query is too large; split it or ask for fewer rows per page',
  ),

  // Arguments
  INVALID_PERIOD: t(
    'Kỳ không đúng dạng: dùng 2023, 2023-H1, 2023-Q3, 2023-07 hoặc 2021..2023',
    'Not a period: use 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023',
  ),
  INVALID_YEAR: t('Năm không hợp lệ', 'Not a valid year'),
  INVALID_RANGE: t('Khoảng không hợp lệ (đầu lớn hơn cuối)', 'Not a valid range (start after end)'),
  INVALID_DATETIME: t('Thời điểm không đúng dạng ISO 8601', 'Not an ISO 8601 date-time'),
  INVALID_ID: t('Mã định danh không hợp lệ', 'Not a valid id'),
  INVALID_CURSOR: t(
    'Con trỏ trang không hợp lệ; hãy tải lại từ trang đầu',
    'Not a valid page cursor; start again from the first page',
  ),
  INVALID_FIRST: t('Số dòng mỗi trang phải từ 0 đến 50.000', 'Rows per page must be 0 to 50,000'),
  INVALID_DIRECTION: t('Chiều so sánh của chỉ tiêu không hợp lệ', 'Not a valid direction for the indicator'),
  INVALID_COMPARATOR: t('Phép so sánh của chỉ tiêu không hợp lệ', 'Not a valid comparator for the target'),
  INVALID_AGGREGATION: t(
    'Quy tắc cộng gộp không hợp lệ: bình quân gia quyền cần một chỉ tiêu quyền số có quy tắc cộng; quy tắc khác không có quyền số',
    'Not a valid aggregation: WEIGHTED_MEAN needs a weight indicator whose own rule is SUM; the other rules take no weight',
  ),
  INVALID_DECIMALS: t('Số chữ số thập phân không hợp lệ', 'Not a valid number of decimals'),
  INVALID_CODE: t('Mã không hợp lệ', 'Not a valid code'),
  INVALID_NAME: t('Tên không hợp lệ', 'Not a valid name'),
  INVALID_EXPIRY: t('Thời hạn phải ở tương lai', 'The expiry must be in the future'),
  INVALID_ROLE: t('Vai trò không hợp lệ', 'Not a valid role'),
  INVALID_CONGRESS_NUMBER: t('Số thứ tự đại hội không hợp lệ', 'Not a valid congress number'),
  INVALID_TABLE: t(
    'Bảng dữ liệu gửi lên không đúng dạng: cột không hợp lệ, hoặc dòng không có đủ số ô theo cột',
    'The table is malformed: a column is not valid, or a row does not have one cell per column',
  ),
  INVALID_IDEMPOTENCY_KEY: t(
    'Khoá chống gửi trùng không hợp lệ (tối đa 200 ký tự)',
    'Not a valid idempotency key (at most 200 characters)',
  ),
  INVALID_RANKING_LEVEL: t(
    'Chỉ xếp hạng được các huyện hoặc các xã của một tỉnh (cấp DISTRICT hoặc COMMUNE)',
    "Only a province's districts or communes can be ranked (level DISTRICT or COMMUNE)",
  ),
  INVALID_SEARCH: t('Chuỗi tìm kiếm chứa ký tự điều khiển', 'The search text contains control characters'),
  SEARCH_TOO_LONG: t('Chuỗi tìm kiếm quá dài', 'The search text is too long'),
  FILTER_TOO_LONG: t(
    'Danh sách lọc quá dài (tối đa 5.000 giá trị)',
    'The filter list is too long (at most 5,000 values)',
  ),
  TOO_MANY_ROWS: t('Quá nhiều dòng trong một lần gửi (tối đa 50.000)', 'Too many rows in one push (at most 50,000)'),
  TOO_MANY_TARGETS: t('Quá nhiều chỉ tiêu trong một lần đặt', 'Too many targets in one call'),

  // Catalogue, units, terms
  UNKNOWN_UNIT: t('Mã đơn vị không có trên máy chủ', 'The server does not know this unit code'),
  UNKNOWN_INDICATOR: t('Mã chỉ tiêu không có trên máy chủ', 'The server does not know this indicator code'),
  AMBIGUOUS_UNIT: t(
    'Mã đơn vị ứng với hai đơn vị trong kỳ này (trước và sau sắp xếp): gửi kèm unitId',
    'The unit code names two units in this period (before and after the reorganisation): send unitId',
  ),
  BOUNDARIES_UPDATED_SINCE: t(
    'updatedSince chỉ dùng với số liệu như đã báo cáo (boundaries AS_REPORTED)',
    'updatedSince reads stored values only: use it with boundaries AS_REPORTED',
  ),
  ON_WITHOUT_BOUNDARIES: t(
    'Ngày ranh giới (on) chỉ dùng với boundaries CURRENT',
    'on (the date of the boundaries) goes with boundaries CURRENT',
  ),
  UNIT_MISMATCH: t('unitId không phải của đơn vị có mã này', 'unitId is not the id of a unit with this code'),
  UNIT_INACTIVE: t(
    'Đơn vị không tồn tại trong kỳ này (đã sáp nhập hoặc chưa thành lập)',
    'The unit did not exist in this period (merged or not yet created)',
  ),
  ALREADY_EXISTS: t('Người khác đã nhập số này sau khi bạn tải về', 'Someone entered this value after you pulled'),
  DUPLICATE_TARGET: t(
    'Chỉ tiêu này có hai mục tiêu trong cùng một lần đặt',
    'The same indicator has two targets in one call',
  ),
  PERIOD_OUTSIDE_TERM: t('Kỳ nằm ngoài nhiệm kỳ', 'The period lies outside the term'),

  // Tokens and roles
  SCOPE_REQUIRED: t(
    'Vai trò này cần phạm vi (mã tỉnh hoặc huyện)',
    'This role needs a scope (a province or district code)',
  ),
  SCOPE_NOT_ALLOWED: t('Vai trò này không có phạm vi', 'This role takes no scope'),
  WRONG_SCOPE_LEVEL: t('Phạm vi không đúng cấp đơn vị của vai trò', "The scope is not a unit of the role's level"),
  OUT_OF_SCOPE: t(
    'Tài khoản của bạn không được ghi số liệu của đơn vị này',
    "Your account may not write this unit's figures",
  ),

  // Approval
  LOCKED: t(
    'Kỳ này đã được phê duyệt nên bị khoá; cần bỏ phê duyệt trước khi sửa',
    'This period is approved and locked; it must be unapproved before changes',
  ),
  LOCKED_BY_ENCLOSING_PERIOD: t(
    'Cả năm chứa kỳ này đã được phê duyệt nên bị khoá',
    'The year containing this period is approved and locked',
  ),
  NOT_LOCKED: t('Kỳ này chưa được phê duyệt', 'This period is not approved'),

  // Push rows
  INVALID_STATUS: t(
    'Tình trạng không hợp lệ: dùng Ước đạt, Sơ bộ, Chính thức hoặc Dự báo',
    'Not a status: use Ước đạt, Sơ bộ, Chính thức or Dự báo',
  ),
  INVALID_VALUE: t('Giá trị không phải là số hữu hạn', 'The value is not a finite number'),
  TOO_MANY_DECIMALS: t(
    'Giá trị có quá nhiều chữ số thập phân (tối đa 6)',
    'The value has too many decimals (at most 6)',
  ),
  VALUE_OUT_OF_RANGE: t(
    'Giá trị nằm ngoài khoảng cho phép của chỉ tiêu',
    'The value is outside the range allowed for this indicator',
  ),
  NOT_AN_INTEGER: t(
    'Chỉ tiêu này đếm số nguyên; hãy nhập số không có phần thập phân',
    'This indicator counts whole units; enter a whole number',
  ),
  TEXT_TOO_LONG: t('Nguồn hoặc ghi chú quá dài', 'The source or note is too long'),
  INVALID_TEXT: t('Văn bản có ký tự hỏng', 'The text has a broken character'),
  INVALID_BASE_VERSION: t('Phiên bản gốc không hợp lệ', 'Not a valid base version'),
  DUPLICATE_ROW: t(
    'Cùng đơn vị, chỉ tiêu và kỳ có ở nhiều dòng; hãy giữ lại một dòng',
    'The same unit, indicator and period is on several rows; keep one',
  ),
  STALE_VERSION: t('Người khác đã sửa số này sau khi bạn tải về', 'Someone changed this value after you pulled it'),
  ALREADY_ABSENT: t('Số này đã không còn trên máy chủ', 'This value is already absent on the server'),
  ATOMIC_PUSH_REJECTED: t(
    'Với "tất cả hoặc không", lần gửi này không ghi ô nào vì có ô bị từ chối. Sửa các ô đó, hoặc tắt "tất cả hoặc không" để ghi các ô hợp lệ.',
    'With "all or nothing", this push writes nothing because some cells are refused. Fix them, or turn "all or nothing" off to write the valid ones.',
  ),
  INVALID_DATE: t('Ngày không đúng dạng YYYY-MM-DD', 'Not a date written YYYY-MM-DD'),
  INVALID_CSV_ROW: t('Dòng của tệp CSV không hợp lệ', 'A row of the CSV file is not valid'),
  ALREADY_IMPORTED: t(
    'Đợt sắp xếp đơn vị hành chính có hiệu lực từ ngày này đã được nạp',
    'The reorganisation effective on this date is already imported',
  ),
  IMPORT_OUT_OF_ORDER: t(
    'Đã nạp một đợt sắp xếp sau ngày này; phải nạp theo thứ tự ngày',
    'A later reorganisation is already loaded; import in date order',
  ),
  ORPHANED_UNIT: t(
    'Có đơn vị còn hiệu lực nhưng đơn vị cấp trên của nó chấm dứt mà không có trong bảng kế thừa',
    'A unit carries on while its parent ends, and the lineage does not name it',
  ),
  IDEMPOTENCY_KEY_REUSED: t(
    'Khoá chống gửi trùng đã được dùng cho một lần gửi khác',
    'The idempotency key was already used for a different push',
  ),
  // Cell lookups for the Excel functions (cellValues): per-cell answers, shown as #N/A / #VALUE!
  TOO_MANY_CELLS: t('Quá nhiều ô trong một lần tính (tối đa 5.000)', 'Too many cells in one request (at most 5,000)'),
  INVALID_TERM: t(
    'Nhiệm kỳ phải viết dạng năm đầu-năm cuối, ví dụ 2020-2025',
    'A term is written as its first and last year, e.g. 2020-2025',
  ),
  UNKNOWN_TERM: t('Đơn vị không có nhiệm kỳ đại hội này', 'The unit has no congress term with these years'),
  NO_TARGET: t(
    'Nghị quyết nhiệm kỳ này không đặt chỉ tiêu này',
    "The term's resolution sets no target for this indicator",
  ),
  NO_OBSERVATION: t('Chưa có số liệu', 'No value has been reported'),
  NO_RATIO: t(
    'Không tính được tỷ lệ đạt (mục tiêu hoặc số liệu bằng 0 hay âm)',
    'No progress ratio: the target or the value is zero or negative',
  ),
  NOT_RANKED: t(
    'Đơn vị không được xếp hạng kỳ này (chưa có số liệu chính thức hoặc ước tính)',
    'The unit is not ranked for this period (no reported value)',
  ),
} as const satisfies Record<string, Texts>;

export type ReasonCode = keyof typeof REASONS;

/** The six top-level error codes: every error the API returns carries one of them. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isReasonCode(code: string): code is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASONS, code);
}
