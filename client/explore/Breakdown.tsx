/**
 * Breakdowns by subject (QĐ 828: analysis by time, place and "đối tượng"): where the indicator
 * declares subgroups (sex, inpatient/outpatient, tier), the unit drilled into and the units below
 * it, each split by the chosen dimension, as side-by-side bars with their figures. The choice is
 * kept in the URL (`by=sex`). Read over HTTP and again whenever a batch lands.
 */
import type { Indicator } from '../../data/schema/indicator.ts';
import type { RollupAnswer, RollupRow } from '../../data/schema/view.ts';
import { useT, type MessageKey } from '../i18n/index.ts';
import { getJson, useReloaded } from '../live/use-refreshed.ts';

/** Per subgroup value: the rows of the unit itself and of the units below it. */
type Figures = Map<string, RollupRow[]>;

export function Breakdown(props: {
  indicator: Indicator;
  by: string | null;
  onBy(by: string | null): void;
  unit: { code: string; name: string; level: string; parentCode: string | null };
  /** The units below, as the map shows them (absent at a commune, whose facilities are listed). */
  below: { level: string; parent: string } | null;
  grain: string;
  period: string;
  format(value: number | null): string;
}) {
  const { t } = useT();
  const dimensions = Object.keys(props.indicator.subgroups);
  const by = props.by && dimensions.includes(props.by) ? props.by : null;
  const values = by ? props.indicator.subgroups[by]! : [];
  const key = by ? [props.indicator.code, by, props.unit.code, props.below?.level, props.grain, props.period].join('|') : null;
  const figures = useReloaded<Figures>(key, async () => {
    const query = (value: string, level: string, parent: string | null) =>
      new URLSearchParams({ indicators: props.indicator.code, level, ...(parent ? { parent } : {}), grain: props.grain, from: props.period, to: props.period, subgroup: `${by}:${value}` });
    const read = (q: URLSearchParams) => getJson<RollupAnswer>(`/api/rollup?${q}`);
    const pairs = await Promise.all(
      values.map(async (value): Promise<[string, RollupRow[]]> => {
        const [own, children] = await Promise.all([
          read(query(value, props.unit.level, props.unit.parentCode)),
          props.below ? read(query(value, props.below.level, props.below.parent)) : Promise.resolve(null),
        ]);
        return [value, [...own.rows.filter((r) => r.entity.code === props.unit.code), ...(children?.rows ?? [])]];
      }),
    );
    return new Map(pairs);
  });
  if (dimensions.length === 0) return null;
  const entities = figures ? [...new Map([...figures.values()].flat().map((r) => [r.entity.code, r.entity.name])).entries()] : [];
  const valueOf = (value: string, code: string) => figures?.get(value)?.find((r) => r.entity.code === code)?.value ?? null;
  const max = Math.max(1, ...values.flatMap((v) => entities.map(([code]) => valueOf(v, code) ?? 0)));
  return (
    <div className="panel breakdown" data-testid="breakdown" data-ready={!by || figures ? 'yes' : 'no'}>
      <div className="breakdown-choice" role="group" aria-label={t('breakdown.title')}>
        <span>{t('breakdown.title')}</span>
        <button className={by === null ? 'chosen' : ''} onClick={() => props.onBy(null)} aria-pressed={by === null}>
          {t('breakdown.none')}
        </button>
        {dimensions.map((d) => (
          <button key={d} className={by === d ? 'chosen' : ''} onClick={() => props.onBy(d)} aria-pressed={by === d} data-testid={`breakdown-${d}`}>
            {t(`subgroup.${d}` as MessageKey)}
          </button>
        ))}
      </div>
      {by && figures && (
        <table className="breakdown-table">
          <thead>
            <tr>
              <th />
              {values.map((v, i) => (
                <th key={v} className={`series-${i}`}>
                  {t(`subgroup.${by}.${v}` as MessageKey)}
                </th>
              ))}
              <th className="bars" />
            </tr>
          </thead>
          <tbody>
            {entities.map(([code, name]) => (
              <tr key={code} className={code === props.unit.code ? 'own' : ''} data-code={code}>
                <th scope="row">{name}</th>
                {values.map((v) => (
                  <td key={v} data-value={valueOf(v, code) ?? ''}>
                    {props.format(valueOf(v, code))}
                  </td>
                ))}
                <td className="bars" aria-hidden="true">
                  {values.map((v, i) => (
                    <span key={v} className={`bar series-${i}`} style={{ width: `${((valueOf(v, code) ?? 0) / max) * 100}%` }} />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
