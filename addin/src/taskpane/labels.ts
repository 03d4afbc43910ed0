/**
 * What the pane calls each code it shows — a mark state, an observation status, a role — in
 * both languages (the `Texts` shape: see i18n.ts). Read as TABLE[code][lang].
 */
import type { Texts } from '../../../schema/contract/reasons';
import type { UnitLevel, Viewer } from '../api';
import type { MarkState, ObservationStatus } from '../sync';
import { STATUS_LABELS_VI } from '../sync';

export const STATE_LABELS: Readonly<Record<MarkState, Texts>> = {
  WILL_CREATE: { vi: 'Sẽ thêm mới', en: 'Will create' },
  WILL_UPDATE: { vi: 'Sẽ cập nhật', en: 'Will update' },
  WILL_DELETE: { vi: 'Sẽ xoá', en: 'Will delete' },
  WILL_BE_UNCHANGED: { vi: 'Không đổi', en: 'Unchanged' },
  CREATED: { vi: 'Đã thêm', en: 'Created' },
  UPDATED: { vi: 'Đã cập nhật', en: 'Updated' },
  DELETED: { vi: 'Đã xoá', en: 'Deleted' },
  UNCHANGED: { vi: 'Không đổi', en: 'Unchanged' },
  CONFLICT: { vi: 'Xung đột', en: 'Conflict' },
  LOCKED: { vi: 'Đã khoá (đã phê duyệt)', en: 'Locked (approved)' },
  INVALID: { vi: 'Không hợp lệ', en: 'Invalid' },
  FORBIDDEN: { vi: 'Không có quyền', en: 'Forbidden' },
  NOT_APPLIED: { vi: 'Chưa ghi', en: 'Not written' },
  NO_RESULT: { vi: 'Chưa có kết quả', en: 'No result' },
  LOCAL_PROBLEM: { vi: 'Ô chưa hợp lệ', en: 'Invalid cell' },
  DERIVED: { vi: 'Số tính gộp (chỉ xem)', en: 'Combined (read-only)' },
};

/** The Vietnamese labels are the sync engine's, which also reads them back from typed cells. */
export const STATUS_LABELS: Readonly<Record<ObservationStatus, Texts>> = {
  ESTIMATED: { vi: STATUS_LABELS_VI.ESTIMATED, en: 'Estimated' },
  PRELIMINARY: { vi: STATUS_LABELS_VI.PRELIMINARY, en: 'Preliminary' },
  OFFICIAL: { vi: STATUS_LABELS_VI.OFFICIAL, en: 'Official' },
  FORECAST: { vi: STATUS_LABELS_VI.FORECAST, en: 'Forecast' },
};

export const ROLE_LABELS: Readonly<Record<Viewer['role'], Texts>> = {
  ADMIN: { vi: 'quản trị', en: 'administrator' },
  PROVINCE_EDITOR: { vi: 'biên tập cấp tỉnh', en: 'province editor' },
  DISTRICT_EDITOR: { vi: 'biên tập cấp huyện', en: 'district editor' },
  COMMUNE_EDITOR: { vi: 'biên tập cấp xã', en: 'commune editor' },
  VIEWER: { vi: 'chỉ xem', en: 'read only' },
};

/** The unit picker's levels (Tỉnh / Huyện / Xã). */
export const LEVEL_LABELS: Readonly<Record<UnitLevel, Texts>> = {
  PROVINCE: { vi: 'Tỉnh', en: 'Province' },
  DISTRICT: { vi: 'Huyện', en: 'District' },
  COMMUNE: { vi: 'Xã', en: 'Commune' },
};
