/**
 * The figures of a map or chart as a compact table, printed beside it (only when printing: on
 * paper a reader cannot hover a bar or a commune to read its figure). `across`: the rows are
 * split into that many tables side by side, so a long list of units keeps to a short block.
 * Transposed tables (periods across) are written by hand where they fit better: see PeriodTable.
 */
import type { ReactNode } from 'react';
import type { Finality, Status } from '../../data/schema/view.ts';
import { useT } from '../i18n/index.ts';
import { Mark, STATUS_SHAPES } from '../wall/Mark.tsx';

export interface Column<R> {
  head: ReactNode;
  cell(row: R): ReactNode;
  /** `num`: right-aligned figures. */
  className?: string;
}

export function FigureTable<R>(props: { testId: string; columns: Column<R>[]; rows: R[]; across?: number; caption?: ReactNode }) {
  const across = Math.max(1, Math.min(props.across ?? 1, props.rows.length));
  const per = Math.ceil(props.rows.length / across);
  const chunks = Array.from({ length: across }, (_, i) => props.rows.slice(i * per, (i + 1) * per));
  return (
    <div className="figure-tables" data-testid={props.testId}>
      {props.caption && <div className="figure-caption">{props.caption}</div>}
      <div className="figure-tables-row">
        {chunks.map((rows, i) => (
          <table key={i} className="figure-table">
            <thead>
              <tr>
                {props.columns.map((c, j) => (
                  <th key={j} className={c.className}>
                    {c.head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, k) => (
                <tr key={k}>
                  {props.columns.map((c, j) => (
                    <td key={j} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </div>
  );
}

/** Periods across: a row of headings (months, weeks, levels) and a row per measure. */
export function PeriodTable(props: { testId: string; heads: ReactNode[]; rows: { label: ReactNode; cells: ReactNode[] }[]; caption?: ReactNode; corner?: ReactNode }) {
  return (
    <div className="figure-tables" data-testid={props.testId}>
      {props.caption && <div className="figure-caption">{props.caption}</div>}
      <table className="figure-table period-table">
        <thead>
          <tr>
            <th>{props.corner}</th>
            {props.heads.map((h, i) => (
              <th key={i} className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, j) => (
                <td key={j} className="num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A status as the tiles write it: its shape and its word, in its colour; a dash without one.
 * `short`: the shape alone (a table with a status legend beside it, where room is short).
 */
/** A figure's status; for one that is not final, what it is instead ("Tạm tính", "Chưa đủ số liệu"): it has no status. */
export function StatusCell({ status, finality = 'final', short = false }: { status: Status | null; finality?: Finality; short?: boolean }) {
  const { t } = useT();
  if (finality !== 'final') return <span className="finality">{t(`finality.${finality}`)}</span>;
  if (!status) return <>–</>;
  return (
    <span className={`status status-${status}`} title={short ? t(`status.${status}`) : undefined}>
      <Mark shape={STATUS_SHAPES[status]} />
      {!short && ` ${t(`status.${status}`)}`}
    </span>
  );
}

/** A month in a table's heading, short: "11/2026" (Vietnamese), "Nov 2026". */
export function monthShort(start: string, language: 'vi' | 'en'): string {
  const [y, m] = start.split('-').map(Number) as [number, number];
  return language === 'vi' ? `${m}/${y}` : `${new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${y}`;
}
