/**
 * The key to a choropleth's colours: what is mapped (a count per population says per how many
 * people), each class between round values or each attainment, and the colour of units without
 * a figure (or, for a rate, without a population), always there so the key does not jump.
 */
import { formatNumber } from '../format/format-value.ts';
import { useT } from '../i18n/index.ts';
import type { Choropleth } from './choropleth.ts';
import type { LegendItem } from './classify.ts';

export function MapLegend(props: { choropleth: Choropleth; unit: string }) {
  const { t, language } = useT();
  const { legend, decimals, per, withoutPopulation } = props.choropleth;
  const percent = props.unit === '%';
  const value = (v: number) => `${formatNumber(v, language, decimals)}${percent ? '%' : ''}`;
  const label = (item: LegendItem) => {
    if (item.status) return t(`status.${item.status}`);
    if (item.pending) return t('map.pending');
    if (item.noData) return t(per !== null && withoutPopulation > 0 ? 'map.noDataOrPopulation' : 'map.noData');
    if (item.from !== undefined && item.to !== undefined) return item.from === item.to ? value(item.from) : `${value(item.from)} – ${value(item.to)}`;
    if (item.to !== undefined) return t('map.under', { value: value(item.to) });
    return t('map.atLeast', { value: value(item.from!) });
  };
  const title = per !== null ? t('map.perPopulation', { unit: props.unit, per: formatNumber(per, language) }) : percent || legend.some((i) => i.status) ? null : props.unit;
  return (
    <ul className="legend map-legend" data-testid="map-legend">
      {title && <li className="map-legend-title" data-testid="map-legend-title">{title}</li>}
      {legend.map((item, i) => (
        <li key={i} data-no-data={item.noData ? 'yes' : undefined}>
          <span className="swatch" style={{ background: `rgb(${item.colour.join(',')})` }} />
          {label(item)}
        </li>
      ))}
    </ul>
  );
}
