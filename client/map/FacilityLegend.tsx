/** The key to the facility points on a map: one mark per kind shown, and whether positions are approximate. */
import type { Facility, FacilityKind } from '../../data/schema/pack.ts';
import { useT } from '../i18n/index.ts';
import { FACILITY_MARKS } from './classify.ts';

export function FacilityLegend(props: { facilities: Facility[] }) {
  const { t } = useT();
  const kinds = [...new Set(props.facilities.map((f) => f.kind))] as FacilityKind[];
  if (kinds.length === 0) return null;
  return (
    <ul className="legend facility-legend" data-testid="facility-legend">
      {kinds.map((kind) => (
        <li key={kind}>
          <span className="dot" style={{ background: `rgb(${FACILITY_MARKS[kind].colour.join(',')})`, width: `${FACILITY_MARKS[kind].radius * 2}rem`, height: `${FACILITY_MARKS[kind].radius * 2}rem` }} />
          {t(`facility.kind.${kind}`)}
        </li>
      ))}
      {props.facilities.some((f) => !f.location) && <li className="note">{t('map.facilitiesApproximate')}</li>}
    </ul>
  );
}
