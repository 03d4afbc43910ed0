/**
 * Every failure in words a statistician can act on: what happened, and what to do next. Technical
 * detail (HTTP status, Office error code) goes last, in brackets, for whoever they call for help.
 */
import { REASONS, type Texts } from '../../../schema/contract/reasons';
import { ApiError } from '../api';
import type { Lang } from './i18n';
import { SheetShapeError, TooLargeError, WrongServerError } from '../workflow/push';

function api(e: ApiError): Texts {
  // The database away, or lost while a push committed: the contract's own words say what to do.
  if (e.reason === 'DATABASE_UNAVAILABLE' || e.reason === 'OUTCOME_UNKNOWN') return REASONS[e.reason];
  switch (e.kind) {
    case 'NETWORK':
      return {
        vi: 'Không kết nối được với máy chủ. Kiểm tra địa chỉ máy chủ và kết nối mạng; nếu máy chủ dùng chứng chỉ HTTPS tự cấp, cần cài chứng chỉ đó vào máy.',
        en: 'Cannot reach the server. Check the server address and the network; if the server uses a self-issued HTTPS certificate, it must be installed on this computer.',
      };
    case 'NOT_GRAPHQL':
      return {
        vi: 'Địa chỉ này không phải máy chủ chỉ tiêu. Kiểm tra lại địa chỉ máy chủ.',
        en: 'This address is not an indicator server. Check the server address.',
      };
    case 'UNAUTHENTICATED':
      return {
        vi: 'Mã truy cập không đúng hoặc đã bị thu hồi. Hãy nhập lại mã do quản trị viên cấp.',
        en: 'The access token is wrong or was revoked. Enter the token your administrator gave you.',
      };
    case 'FORBIDDEN':
      return {
        vi: 'Tài khoản của bạn không có quyền làm việc này (ví dụ: ghi số liệu của đơn vị khác).',
        en: "Your account may not do this (e.g. write another unit's figures).",
      };
    case 'BAD_USER_INPUT':
      return {
        vi: `Máy chủ không chấp nhận yêu cầu: ${e.message}`,
        en: `The server refused the request: ${e.message}`,
      };
    case 'NOT_FOUND':
      return { vi: `Không tìm thấy trên máy chủ: ${e.message}`, en: `Not found on the server: ${e.message}` };
    case 'CONFLICT':
      return {
        vi: `Dữ liệu vừa bị người khác thay đổi: ${e.message}. Hãy cập nhật từ máy chủ rồi thử lại.`,
        en: `Someone else just changed this: ${e.message}. Refresh and try again.`,
      };
    case 'OUTDATED_SERVER':
      return {
        vi: 'Máy chủ đang chạy phiên bản cũ hơn add-in. Hãy báo quản trị viên cập nhật máy chủ.',
        en: 'The server runs an older version than the add-in. Ask the administrator to update it.',
      };
    default:
      return {
        vi: 'Máy chủ gặp lỗi. Thử lại sau ít phút; nếu vẫn lỗi, báo quản trị viên.',
        en: 'The server failed. Try again in a few minutes; if it persists, tell the administrator.',
      };
  }
}

/** Office.js errors carry a `code` such as ItemNotFound or InvalidArgument. */
function office(code: string, message: string): Texts {
  if (code === 'ItemNotFound') {
    return {
      vi: 'Không tìm thấy trang tính hoặc bảng: có thể nó đã bị xoá hoặc đổi tên. Hãy tải lại.',
      en: 'A sheet or table was not found: it may have been deleted or renamed. Pull again.',
    };
  }
  if (code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded') {
    return {
      vi: 'Dữ liệu quá lớn cho một lần ghi vào Excel. Hãy tải ít chỉ tiêu hoặc ít năm hơn.',
      en: 'Too much data for Excel in one go. Pull fewer indicators or years.',
    };
  }
  if (code === 'AccessDenied') {
    return {
      vi: 'Excel từ chối ghi: trang tính đang được bảo vệ (Review › Unprotect Sheet). Hãy bỏ bảo vệ rồi thử lại.',
      en: 'Excel refused to write: the sheet is protected (Review › Unprotect Sheet). Unprotect it and try again.',
    };
  }
  if (code === 'InvalidOperationInCellEditMode') {
    return {
      vi: 'Excel đang ở chế độ sửa ô. Hãy nhấn Enter hoặc Esc rồi thử lại.',
      en: 'Excel is editing a cell. Press Enter or Esc and try again.',
    };
  }
  return { vi: `Excel không thực hiện được thao tác: ${message}`, en: `Excel could not do this: ${message}` };
}

export function explain(e: unknown, lang: Lang): string {
  let both: Texts;
  let detail = '';
  if (e instanceof ApiError) {
    both = api(e);
    detail = [e.status ? `HTTP ${e.status}` : '', e.reason ?? ''].filter(Boolean).join(', ');
  } else if (e instanceof SheetShapeError) {
    const cols = e.missingColumns.join(', ');
    both = {
      vi: `Trang tính thiếu cột ${cols}. Đừng xoá hay đổi tên dòng tiêu đề; nếu đã lỡ, hãy hoàn tác (Ctrl+Z) hoặc tải lại.`,
      en: `The sheet lacks the column(s) ${cols}. Do not delete or rename the header row; undo (Ctrl+Z) or pull again.`,
    };
  } else if (e instanceof WrongServerError) {
    both = {
      vi: `Trang tính này được tải từ máy chủ khác (${e.sheetServer}). Hãy kết nối tới máy chủ đó.`,
      en: `This sheet was pulled from another server (${e.sheetServer}). Connect to that server.`,
    };
  } else if (e instanceof TooLargeError) {
    both = {
      vi: `Có ${e.rows} ô cần gửi, quá ${e.maxRows} ô cho một lần gửi "tất cả hoặc không". Hãy bỏ chọn "tất cả hoặc không" hoặc gửi từng phần.`,
      en: `${e.rows} cells to send exceed ${e.maxRows} for one all-or-nothing push. Turn "all or nothing" off or push in parts.`,
    };
  } else if (e instanceof Error && typeof (e as Error & { code?: unknown }).code === 'string') {
    // OfficeExtension.Error (name "RichApi.Error") and its kin.
    const err = e as Error & { code: string };
    both = office(err.code, err.message);
    detail = err.code;
  } else {
    const m = e instanceof Error ? e.message : String(e);
    both = { vi: `Đã xảy ra lỗi: ${m}`, en: `Something went wrong: ${m}` };
  }
  return detail ? `${both[lang]} (${detail})` : both[lang];
}
