/**
 * The wall's scenes, declared as data: which indicators the KPI tiles show, what the map
 * colours and what the ranking compares. A scene component renders any of them; the data-quality,
 * attention and scores scenes are their own (quality/QualityScene.tsx, attention/AttentionScene.tsx,
 * scores/ScoresScene.tsx).
 */
import type { FacilityKind } from '../../data/schema/pack.ts';
import type { MessageKey } from '../i18n/index.ts';

export interface SceneSpec {
  id: string;
  title: MessageKey;
  /** The socio-economic overview of the province above the tiles (the Tổng quan scene). */
  overview?: boolean;
  /** Province figures of the last complete month, with a 13-month sparkline. */
  tiles: string[];
  map: { indicator: string; level: 'area' | 'commune' };
  ranking: { indicator: string; level: 'area' | 'commune' | 'facility'; facilityKind?: FacilityKind };
  /** The province's last 24 months, with the target band. */
  trend: string;
  /** Instead of the trend: weekly cases against the epidemic channel, over so many weeks. */
  channel?: { indicator: string; weeks: number };
  /** A level indicator shown as how many facilities stand at each level. */
  distribution?: string;
}

export interface QualitySceneSpec {
  id: 'quality';
  title: MessageKey;
  quality: true;
}

export interface AttentionSceneSpec {
  id: 'attention';
  title: MessageKey;
  attention: true;
}

/** The composite scores (QĐ 828 phase 2), with the forecast of one indicator to its target date. */
export interface ScoresSceneSpec {
  id: 'scores';
  title: MessageKey;
  scores: { forecast: string };
}

export type WallSceneSpec = SceneSpec | QualitySceneSpec | AttentionSceneSpec | ScoresSceneSpec;

export const SCENES: WallSceneSpec[] = [
  // What needs action first: the director reads it on entering the room.
  { id: 'attention', title: 'scene.attention', attention: true },
  {
    id: 'overview',
    title: 'scene.overview',
    overview: true,
    tiles: ['ehr_coverage', 'outpatient_visits', 'full_immunisation_coverage', 'dengue_cases'],
    map: { indicator: 'ehr_coverage', level: 'area' },
    ranking: { indicator: 'outpatient_visits', level: 'area' },
    trend: 'ehr_coverage',
  },
  {
    id: 'digital',
    title: 'scene.digital',
    tiles: ['ehr_coverage', 'cashless_payment_rate', 'chip_id_lookup_success', 'telehealth_consultations'],
    map: { indicator: 'ehr_coverage', level: 'commune' },
    ranking: { indicator: 'cashless_payment_rate', level: 'facility' },
    trend: 'cashless_payment_rate',
    distribution: 'it_level_tt54',
  },
  {
    id: 'services',
    title: 'scene.services',
    tiles: ['outpatient_visits', 'inpatient_admissions', 'bed_occupancy', 'telehealth_consultations'],
    map: { indicator: 'outpatient_visits', level: 'commune' },
    ranking: { indicator: 'bed_occupancy', level: 'facility' },
    trend: 'outpatient_visits',
  },
  {
    id: 'surveillance',
    title: 'scene.surveillance',
    tiles: ['dengue_cases', 'hfmd_cases', 'measles_cases', 'full_immunisation_coverage'],
    map: { indicator: 'dengue_cases', level: 'commune' },
    ranking: { indicator: 'dengue_cases', level: 'area' },
    trend: 'dengue_cases',
    channel: { indicator: 'dengue_cases', weeks: 26 },
  },
  { id: 'quality', title: 'scene.quality', quality: true },
  { id: 'scores', title: 'scene.scores', scores: { forecast: 'ehr_coverage' } },
];
