/**
 * A list in a box of fixed height that shows only the rows that fit whole, and says how many
 * more there are ("và 12 mục khác") on the line right after the last one shown: never a row cut in half
 * at the bottom edge. The rows are all laid out (so they can be measured again when the box or
 * the text changes size); those past the last whole one are hidden.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export interface FittedRow {
  key: string;
  className?: string;
  content: ReactNode;
}

export function FittedList(props: {
  rows: FittedRow[];
  /** How many there are in all, when `rows` are only the first of them. */
  total?: number;
  empty: string;
  testId: string;
}) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const moreLine = useRef<HTMLParagraphElement>(null);
  const total = props.total ?? props.rows.length;
  // How many rows show, and the list's height when cut after the last of them (the line below follows it).
  const [layout, setLayout] = useState<{ shown: number; height: number | null }>({ shown: props.rows.length, height: null });
  useLayoutEffect(() => {
    const measure = () => {
      const area = box.current!.getBoundingClientRect();
      const top = list.current!.getBoundingClientRect().top;
      const bottoms = [...list.current!.children].map((row) => row.getBoundingClientRect().bottom);
      const within = (limit: number) => {
        const whole = bottoms.findIndex((b) => b > limit + 0.5);
        return whole < 0 ? bottoms.length : whole;
      };
      let shown = within(area.bottom);
      // Some left out: the line that counts them takes its place below the last row shown.
      if (props.rows.length > 0 && shown < total) shown = within(area.bottom - moreLine.current!.offsetHeight);
      shown = Math.min(shown, props.rows.length);
      const height = shown < props.rows.length ? (shown > 0 ? bottoms[shown - 1]! - top : 0) : null;
      setLayout((was) => (was.shown === shown && was.height === height ? was : { shown, height }));
    };
    measure();
    // The box (a resized window) and the rows (fonts arriving, a row wrapping anew).
    const observer = new ResizeObserver(measure);
    observer.observe(box.current!);
    observer.observe(moreLine.current!);
    for (const row of list.current!.children) observer.observe(row);
    return () => observer.disconnect();
  }, [props.rows, total]);
  const more = total - layout.shown;
  return (
    <div ref={box} className="quality-fit">
      <ol ref={list} className="quality-list" data-testid={props.testId} data-shown={layout.shown} style={{ height: layout.height ?? undefined }}>
        {props.rows.length === 0 && <li>{props.empty}</li>}
        {props.rows.map((row, i) => (
          <li key={row.key} className={`${row.className ?? ''}${i >= layout.shown ? ' overflow' : ''}`} aria-hidden={i >= layout.shown || undefined}>
            {row.content}
          </li>
        ))}
      </ol>
      {/* Flat when not needed; when it opens, the rows are measured again against its height. */}
      <p
        ref={moreLine}
        className={`quality-more${props.rows.length > 0 && more > 0 ? '' : ' unneeded'}`}
        data-testid={`${props.testId}-more`}
        aria-hidden={!(props.rows.length > 0 && more > 0) || undefined}
      >
        {t('quality.more', { count: Math.max(more, 0) })}
      </p>
    </div>
  );
}
