/**
 * Beside a map: the former units whose figures a view holds but which the crosswalk places on
 * no unit of today's map, so their figures are shown, not lost and not guessed onto a commune.
 */
import type { RollupRow } from '../../data/schema/view.ts';
import { useT } from '../i18n/index.ts';

export function UnplacedUnits(props: { rows: RollupRow[]; format(value: number | null): string }) {
  const { t } = useT();
  const former = props.rows.filter((r) => r.entity.former);
  if (former.length === 0) return null;
  return (
    <div className="unplaced" data-testid="unplaced-units">
      <h4>{t('map.unplaced')}</h4>
      <ul>
        {former.map((r) => (
          <li key={r.entity.code}>
            <span>{t('map.formerUnit', { name: r.entity.name, code: r.entity.code })}</span>
            <span className="value">{props.format(r.value)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
