/**
 * One sentence per marked cell, in the user's language: what is wrong and what to do. The sync
 * engine's and the server's own messages are English and technical; they stay available (in
 * English mode, and as the detail after the sentence) but never stand alone in Vietnamese.
 */
import type { MarkState } from '../sync';
import type { Lang } from './i18n';
import type { ResultItem } from './workflow/push';

type Both = readonly [vi: string, en: string];

const BY_CODE: Readonly<Record<string, Both>> = {
  // Cells the add-in did not send (sync/normalize.ts)
  TEXT_NOT_NUMBER: ['Ô này là chữ, không phải số: Excel không tính được, nên không gửi. Hãy gõ lại số', 'This cell holds text, not a number: Excel cannot compute with it, so it is not sent. Type the number again'],
  LOST_LEADING_ZERO: ['Mã bị mất số 0 ở đầu và khớp với nhiều mã; hãy gõ lại mã dạng văn bản (thêm dấu \' ở đầu)', 'The code lost its leading zeros and matches several codes; type it as text (start with \')'],
  BAD_PERIOD: ['Kỳ không đúng dạng: dùng 2023, 2023-H1, 2023-Q3, 2023-07 hoặc 2021..2023', 'Not a period: use 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023'],
  BAD_STATUS: ['Tình trạng không hợp lệ: dùng Ước đạt, Sơ bộ, Chính thức hoặc Dự báo', 'Not a status: use Ước đạt, Sơ bộ, Chính thức or Dự báo'],
  MISSING_KEY: ['Thiếu mã đơn vị, mã chỉ tiêu hoặc kỳ', 'The unit code, indicator code or period is missing'],
  DUPLICATE_KEY: ['Cùng đơn vị, chỉ tiêu và kỳ có ở nhiều dòng; hãy giữ lại một dòng', 'The same unit, indicator and period is on several rows; keep one'],
  // The server's row codes
  STALE_VERSION: ['Người khác đã sửa số này sau khi bạn tải về', 'Someone changed this value after you pulled it'],
  ALREADY_EXISTS: ['Người khác đã nhập số này sau khi bạn tải về', 'Someone entered this value after you pulled'],
  LOCKED: ['Kỳ này đã được phê duyệt nên bị khoá; cần bỏ phê duyệt trước khi sửa', 'This period is approved and locked; it must be unapproved before changes'],
  LOCKED_BY_ENCLOSING_PERIOD: ['Cả năm chứa kỳ này đã được phê duyệt nên bị khoá', 'The year containing this period is approved and locked'],
  OUT_OF_SCOPE: ['Tài khoản của bạn không được ghi số liệu của đơn vị này', 'Your account may not write this unit\'s figures'],
  UNKNOWN_UNIT: ['Mã đơn vị không có trên máy chủ', 'The server does not know this unit code'],
  UNKNOWN_INDICATOR: ['Mã chỉ tiêu không có trên máy chủ', 'The server does not know this indicator code'],
  UNIT_INACTIVE: ['Đơn vị không tồn tại trong kỳ này (đã sáp nhập hoặc chưa thành lập)', 'The unit did not exist in this period (merged or not yet created)'],
  INVALID_PERIOD: ['Kỳ không hợp lệ', 'Invalid period'],
  VALUE_OUT_OF_RANGE: ['Giá trị nằm ngoài khoảng cho phép của chỉ tiêu', 'The value is outside the range allowed for this indicator'],
  NOT_AN_INTEGER: ['Chỉ tiêu này đếm số nguyên; hãy nhập số không có phần thập phân', 'This indicator counts whole units; enter a whole number'],
  TOO_MANY_DECIMALS: ['Giá trị có quá nhiều chữ số thập phân', 'The value has too many decimals'],
  TEXT_TOO_LONG: ['Nguồn hoặc ghi chú quá dài', 'The source or note is too long'],
};

const BY_STATE: Partial<Readonly<Record<MarkState, Both>>> = {
  CONFLICT: ['Người khác đã sửa số này sau khi bạn tải về', 'Someone changed this value after you pulled it'],
  LOCKED: BY_CODE.LOCKED,
  FORBIDDEN: BY_CODE.OUT_OF_SCOPE,
  INVALID: ['Máy chủ không chấp nhận giá trị này', 'The server refused this value'],
  NOT_APPLIED: ['Chưa ghi: lần gửi "tất cả hoặc không" bị từ chối vì có ô khác lỗi', 'Not written: the all-or-nothing push was refused because of other cells'],
  NO_RESULT: ['Máy chủ không trả kết quả cho ô này; hãy gửi lại', 'The server returned no result for this cell; push again'],
};

/** The explanation of a marked cell; null for plain outcomes (will create, updated, …). */
export function explainItem(item: Pick<ResultItem, 'state' | 'code' | 'message' | 'suggestion'>, lang: Lang): string | null {
  const i = lang === 'vi' ? 0 : 1;
  const known = (item.code && BY_CODE[item.code]) || BY_STATE[item.state];
  if (!known) return item.state === 'LOCAL_PROBLEM' || item.state === 'INVALID' ? item.message : null;
  let text = known[i];
  if (item.suggestion !== undefined && item.suggestion !== null) text += lang === 'vi' ? ` (có phải ${item.suggestion}?)` : ` (did you mean ${item.suggestion}?)`;
  return `${text}.`;
}

const WARNINGS: Readonly<Record<string, Both>> = {
  ATOMIC_PUSH_REJECTED: [
    'Với "tất cả hoặc không", lần gửi này sẽ không ghi ô nào vì có ô bị từ chối. Sửa các ô đó, hoặc tắt "tất cả hoặc không" để ghi các ô hợp lệ.',
    'With "all or nothing", this push writes nothing because some cells are refused. Fix them, or turn "all or nothing" off to write the valid ones.',
  ],
};

/** A server userError ("CODE: message") in the user's language when it is a known one. */
export function explainWarning(warning: string, lang: Lang): string {
  const code = /^([A-Z_]+):/.exec(warning)?.[1];
  const known = code ? WARNINGS[code] : undefined;
  return known ? known[lang === 'vi' ? 0 : 1] : warning;
}
