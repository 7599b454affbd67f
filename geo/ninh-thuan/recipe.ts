import { fileURLToPath } from 'node:url';
import type { PackRecipe } from '../build-pack.ts';

/** Ninh Thuận: the 24 post-2025 communes covering the former province (now part of Khánh Hòa). */
export const ninhThuan: PackRecipe = {
  id: 'ninh-thuan',
  sourcesDir: fileURLToPath(new URL('./sources/', import.meta.url)),
  communesFile: 'khanh_hoa_2025_communes_former_ninh_thuan.geojson',
  formerUnitsFile: 'gso_units_ninh_thuan_2024.csv',
  crosswalkFile: 'crosswalk_ninh_thuan_2024_to_2025.csv',
  province: { code: '58', name: 'Ninh Thuận', fullName: 'Tỉnh Ninh Thuận' },
  context: {
    provincesFile: 'vn_provinces_2025.geojson',
    // Since 2025-07-01 the pack is the south of Khánh Hòa, which holds the Trường Sa archipelago.
    province: { code: '56', name: 'Khánh Hòa', communesFile: 'khanh_hoa_2025_communes.geojson' },
    archipelagos: [{ province: '56', name: 'Trường Sa', box: [109.4, 6.5, 118.5, 11.6] }],
    sea: [109.75, 11.75],
  },
};
