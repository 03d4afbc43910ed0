/**
 * One sentence per marked cell, in the user's language: what is wrong and what to do. The sync
 * engine's and the server's own messages are English and technical; they stay available (in
 * English mode, and as the detail after the sentence) but never stand alone in Vietnamese.
 */
import { isReasonCode, REASONS, type Texts } from '../../../schema/contract/reasons';
import type { MarkState } from '../sync';
import type { ResultItem } from '../workflow/push';
import type { Lang } from './i18n';
import { translator } from './i18n';

/** Cells the add-in did not send (sync/normalize.ts): problems found before the server sees them. */
const LOCAL: Readonly<Record<string, Texts>> = {
  TEXT_NOT_NUMBER: {
    vi: 'Ô này là chữ, không phải số: Excel không tính được, nên không gửi. Hãy gõ lại số',
    en: 'This cell holds text, not a number: Excel cannot compute with it, so it is not sent. Type the number again',
  },
  LOST_LEADING_ZERO: {
    vi: "Mã bị mất số 0 ở đầu và khớp với nhiều mã; hãy gõ lại mã dạng văn bản (thêm dấu ' ở đầu)",
    en: "The code lost its leading zeros and matches several codes; type it as text (start with ')",
  },
  BAD_PERIOD: REASONS.INVALID_PERIOD,
  BAD_STATUS: REASONS.INVALID_STATUS,
  MISSING_KEY: { vi: 'Thiếu mã đơn vị, mã chỉ tiêu hoặc kỳ', en: 'The unit code, indicator code or period is missing' },
  DUPLICATE_KEY: REASONS.DUPLICATE_ROW,
  PERCENT_AMBIGUOUS: {
    vi: 'Ô này định dạng phần trăm nhưng chỉ tiêu không tính bằng %: có thể là {readings}, nên không gửi. Hãy định dạng ô là số (General) rồi gõ lại số',
    en: 'This cell is formatted as a percent but the indicator is not measured in %: it could be {readings}, so it is not sent. Format the cell as a number (General) and type the figure again',
  },
  DATE_IN_VALUE: {
    vi: 'Ô này định dạng ngày tháng nên Excel giữ một số ngày, không phải số liệu; không gửi. Hãy định dạng ô là số (General) rồi gõ lại số',
    en: 'This cell is formatted as a date, so Excel holds a day count, not the figure; it is not sent. Format the cell as a number (General) and type the figure again',
  },
  READ_ONLY_EDITED: {
    vi: 'Cột này chỉ để xem (tên, đơn vị tính, mục tiêu, tỷ lệ đạt): sửa ở đây không được gửi lên máy chủ và sẽ bị thay khi cập nhật. Số liệu của dòng vẫn được gửi. Hãy nhấn Ctrl+Z hoặc tải lại để khôi phục',
    en: 'This column is read-only (names, unit of measure, target, progress): an edit here is not sent to the server and is replaced on refresh. The row’s figure is still sent. Press Ctrl+Z or pull again to restore it',
  },
  DERIVED_READ_ONLY: {
    vi: 'Số này do máy chủ tính gộp từ các đơn vị trước sắp xếp theo ranh giới hiện nay, chỉ để xem: sửa ở đây không được gửi. Hãy nhập số của từng đơn vị cũ (tải bảng dọc "như đã báo cáo")',
    en: "This value is combined by the server from the units before the reorganisation, on today's boundaries, and is read-only: an edit here is not sent. Enter the old units' own figures (pull the long table as reported)",
  },
};

/** A derived value's cell: what it is, from which units ("35, 36, 37"), and whether all of them reported. */
const DERIVED: { readonly complete: Texts; readonly partial: Texts } = {
  complete: {
    vi: 'Số tính gộp từ các đơn vị trước sắp xếp ({units}) theo ranh giới hiện nay; chỉ để xem, không gửi lên máy chủ',
    en: "Combined from the units before the reorganisation ({units}) on today's boundaries; read-only, never pushed",
  },
  partial: {
    vi: 'Số tính gộp chưa đầy đủ từ các đơn vị trước sắp xếp ({units}): thiếu số của một đơn vị hoặc chỉ một phần đơn vị nhập vào; chỉ để xem',
    en: 'An incomplete combination of the units before the reorganisation ({units}): one of them has no figure or only part of it merged; read-only',
  },
};

/** What the user can do in the sheet about a server reason, said after the reason's own text. */
const IN_SHEET: Readonly<Record<string, Texts>> = {
  AMBIGUOUS_UNIT: {
    vi:
      'Hãy nhập số vào dòng đã tải về của đúng đơn vị (cột Đơn vị ghi "đến 30/06/2025" hoặc "từ 01/07/2025"), ' +
      'hoặc dùng kỳ nằm trọn trong thời gian tồn tại của một đơn vị (ví dụ 2025-H1 hay 2025-H2)',
    en:
      'Type the figure in the pulled row of the right unit (the Unit column says "đến 30/06/2025", until, or "từ 01/07/2025", from), ' +
      "or use a period inside one unit's lifetime (e.g. 2025-H1 or 2025-H2)",
  },
};

/** A reason code of the server (schema/contract) or of the add-in's own checks. */
function byCode(code: string): Texts | undefined {
  return isReasonCode(code) ? REASONS[code] : LOCAL[code];
}

const BY_STATE: Partial<Readonly<Record<MarkState, Texts>>> = {
  CONFLICT: REASONS.STALE_VERSION,
  LOCKED: REASONS.LOCKED,
  FORBIDDEN: REASONS.OUT_OF_SCOPE,
  INVALID: { vi: 'Máy chủ không chấp nhận giá trị này', en: 'The server refused this value' },
  NOT_APPLIED: {
    vi: 'Chưa ghi: lần gửi "tất cả hoặc không" bị từ chối vì có ô khác lỗi',
    en: 'Not written: the all-or-nothing push was refused because of other cells',
  },
  NO_RESULT: {
    vi: 'Máy chủ không trả kết quả cho ô này; hãy gửi lại',
    en: 'The server returned no result for this cell; push again',
  },
};

/** The explanation of a marked cell; null for plain outcomes (will create, updated, …). */
export function explainItem(
  item: Pick<ResultItem, 'state' | 'code' | 'message' | 'suggestion' | 'candidates'>,
  lang: Lang,
): string | null {
  if (item.state === 'DERIVED') {
    const texts = item.code === 'INCOMPLETE' ? DERIVED.partial : DERIVED.complete;
    return `${texts[lang].replace('{units}', item.message ?? '…')}.`;
  }
  const known = (item.code && byCode(item.code)) || BY_STATE[item.state];
  if (!known) return item.state === 'LOCAL_PROBLEM' || item.state === 'INVALID' ? item.message : null;
  // Readings as the user's Excel writes them (a decimal comma in Vietnamese).
  const reading = (c: number | string) =>
    typeof c === 'number' && lang === 'vi' ? String(c).replace('.', ',') : String(c);
  let text = known[lang].replace(
    '{readings}',
    (item.candidates ?? []).map(reading).join(lang === 'vi' ? ' hoặc ' : ' or '),
  );
  const hint = item.code ? IN_SHEET[item.code] : undefined;
  if (hint) text += `. ${hint[lang]}`;
  if (item.suggestion !== undefined && item.suggestion !== null)
    text += ` ${translator(lang)('didYouMean', { value: item.suggestion })}`;
  return `${text}.`;
}

/** A server userError ("CODE: message") in the user's language when it is a known one. */
export function explainWarning(warning: string, lang: Lang): string {
  const code = /^([A-Z_]+):/.exec(warning)?.[1];
  return code && isReasonCode(code) ? REASONS[code][lang] : warning;
}
