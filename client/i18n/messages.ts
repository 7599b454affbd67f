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
  'wall.dataAsOf': 'Số liệu đến {time}',
  'wall.noData': 'Chưa có số liệu',
  'wall.connected': 'Đã kết nối',
  'wall.disconnected': 'Mất kết nối – đang thử lại',
  'wall.connecting': 'Đang kết nối…',
  'wall.demo': 'DỮ LIỆU DEMO',
  'wall.demoNote': 'Có số liệu mô phỏng (demo), không phải số liệu thật',
  'scene.digital': 'Chuyển đổi số & Đề án 06',
  'scene.services': 'Khám chữa bệnh',
  'scene.surveillance': 'Giám sát dịch bệnh',
  'tile.target': 'Chỉ tiêu {value}',
  'tile.noTarget': 'Chưa có chỉ tiêu',
  'tile.vsPrevious': '{change} so với kỳ trước',
  'status.met': 'Đạt',
  'status.near': 'Gần đạt',
  'status.below': 'Chưa đạt',
  'map.noData': 'Không có số liệu',
  'ranking.target': 'Chỉ tiêu',
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
  'wall.dataAsOf': 'Data as of {time}',
  'wall.noData': 'No data yet',
  'wall.connected': 'Connected',
  'wall.disconnected': 'Disconnected – retrying',
  'wall.connecting': 'Connecting…',
  'wall.demo': 'DEMO DATA',
  'wall.demoNote': 'Includes simulated (demo) figures, not real ones',
  'scene.digital': 'Digital transformation & Project 06',
  'scene.services': 'Health services',
  'scene.surveillance': 'Disease surveillance',
  'tile.target': 'Target {value}',
  'tile.noTarget': 'No target set',
  'tile.vsPrevious': '{change} vs previous period',
  'status.met': 'Met',
  'status.near': 'Near',
  'status.below': 'Below',
  'map.noData': 'No data',
  'ranking.target': 'Target',
};

export const catalogues = { vi, en } as const;
export type Language = keyof typeof catalogues;
