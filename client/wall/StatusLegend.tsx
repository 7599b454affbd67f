/** The key to status: each class's colour, shape and word, as tiles, rankings and maps use them. */
import type { Status } from '../../data/schema/view.ts';
import { useT } from '../i18n/index.ts';
import { Mark, STATUS_SHAPES } from './Mark.tsx';

export function StatusLegend() {
  const { t } = useT();
  return (
    <ul className="legend status-legend" data-testid="status-legend">
      {(['met', 'near', 'below'] as Status[]).map((status) => (
        <li key={status} className={`status status-${status}`}>
          <Mark shape={STATUS_SHAPES[status]} /> {t(`status.${status}`)}
        </li>
      ))}
    </ul>
  );
}
