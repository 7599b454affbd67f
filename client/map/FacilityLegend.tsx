/** The key to the facility points on a map: one mark per kind drawn, the kinds left off at this scale, and whether positions are approximate. */
import type { Facility, FacilityKind } from '../../data/schema/pack.ts';
import { useT } from '../i18n/index.ts';
import { markOf, onMaps } from './classify.ts';

export function FacilityLegend(props: { facilities: Facility[]; left?: FacilityKind[] }) {
  const { t } = useT();
  const left = props.left ?? [];
  const kinds = ([...new Set(props.facilities.filter(onMaps).map((f) => f.kind))] as FacilityKind[]).filter((k) => !left.includes(k));
  if (kinds.length === 0) return null;
  return (
    <ul className="legend facility-legend" data-testid="facility-legend">
      {kinds.map((kind) => (
        <li key={kind}>
          <span className="dot" style={{ background: `rgb(${markOf(kind).colour.join(',')})`, width: `${markOf(kind).radius * 2}rem`, height: `${markOf(kind).radius * 2}rem` }} />
          {t(`facility.kind.${kind}`)}
        </li>
      ))}
      {left.length > 0 && <li className="note">{t('map.facilitiesLeft', { kinds: left.map((k) => t(`facility.kind.${k}`)).join(', ') })}</li>}
      {props.facilities.some((f) => onMaps(f) && !f.location) && <li className="note">{t('map.facilitiesApproximate')}</li>}
    </ul>
  );
}
