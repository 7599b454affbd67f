/**
 * The unit drilled into, at every level: its own figure for the indicator (value, target and
 * status, changes, a sparkline of the periods before), and what its total includes when its
 * children do not add up to it (facilities attached to the unit itself, such as the provincial
 * hospitals, which are in no area).
 */
import { useMemo } from 'react';
import type { Indicator } from '../../data/schema/indicator.ts';
import type { Facility, FacilityKind } from '../../data/schema/pack.ts';
import type { View } from '../../data/schema/view.ts';
import type { Grain } from '../../data/schema/period.ts';
import { useT } from '../i18n/index.ts';
import { useLiveView } from '../live/use-live-view.ts';
import { KpiTile } from '../wall/KpiTile.tsx';
import type { UnitNode } from './explore-state.ts';

/** Periods on the sparkline, ending with the one shown. */
const SPAN = 13;

export function UnitSummary(props: { unit: UnitNode; indicator: Indicator; grain: Grain; period: string; facilities: Facility[]; childLevelName: string | null }) {
  const { t } = useT();
  const { unit, indicator } = props;
  const view = useMemo<View>(
    () => ({ indicators: [indicator.code], level: unit.level, ...(unit.parentCode ? { parent: unit.parentCode } : {}), grain: props.grain, last: SPAN, to: props.period }),
    [indicator.code, unit, props.grain, props.period],
  );
  const answer = useLiveView(view);
  const rows = useMemo(() => (answer?.answer.rows ?? []).filter((r) => r.entity.code === unit.code && !r.entity.former), [answer, unit.code]);
  // Facilities reporting this indicator that belong to the unit itself, not to any unit below it.
  const own = props.facilities.filter((f) => f.unitCode === unit.code && indicator.reported_by.includes(f.kind));
  const kinds = [...new Set(own.map((f) => f.kind))] as FacilityKind[];
  return (
    <div className="unit-summary" data-testid="unit-summary" data-ready={answer ? 'yes' : 'no'} data-value={rows.at(-1)?.value ?? ''}>
      <KpiTile indicator={indicator} rows={rows} title={unit.name} />
      {props.childLevelName && kinds.length > 0 && (
        <p className="note includes" data-testid="unit-includes">
          {t('explore.includes', {
            unit: unit.name,
            facilities: kinds
              .map((k) => {
                const count = own.filter((f) => f.kind === k).length;
                return t(`facility.count.${k}`, { count, s: count === 1 ? '' : 's', ies: count === 1 ? 'y' : 'ies' });
              })
              .join(', '),
            level: props.childLevelName.toLowerCase(),
          })}
        </p>
      )}
    </div>
  );
}
