/**
 * The message catalogue: every user-facing string, Vietnamese first. English must have exactly
 * the keys Vietnamese has (the type says so), so a missing translation fails the type check.
 */
export const vi = {
  'app.title': 'Trung tâm điều hành y tế',
  'app.loading': 'Đang tải dữ liệu…',
  'app.loadFailed': 'Không tải được dữ liệu: {reason}',
  'pack.units': '{count} đơn vị hành chính',
  'pack.facilities': '{count} cơ sở y tế',
  'facility.kind.provincial_hospital': 'Bệnh viện tuyến tỉnh',
  'facility.kind.area_health_centre': 'Trung tâm Y tế khu vực',
  'facility.kind.commune_health_station': 'Trạm Y tế xã/phường',
  'facility.kind.private': 'Cơ sở tư nhân',
  'language.switch': 'English',
} as const;

export type MessageKey = keyof typeof vi;

export const en: Record<MessageKey, string> = {
  'app.title': 'Health operations centre',
  'app.loading': 'Loading data…',
  'app.loadFailed': 'Could not load data: {reason}',
  'pack.units': '{count} administrative units',
  'pack.facilities': '{count} health facilities',
  'facility.kind.provincial_hospital': 'Provincial hospitals',
  'facility.kind.area_health_centre': 'Area health centres',
  'facility.kind.commune_health_station': 'Commune health stations',
  'facility.kind.private': 'Private facilities',
  'language.switch': 'Tiếng Việt',
};

export const catalogues = { vi, en } as const;
export type Language = keyof typeof catalogues;
