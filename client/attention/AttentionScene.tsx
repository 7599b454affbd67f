/**
 * The wall's first scene, "Cần chú ý": what needs action, most severe first, one sentence each,
 * large enough to read from the back of the room. Each kind has its own mark (shape and word,
 * not colour alone); a tap opens the explore view that shows it.
 */
import type { AttentionItem, AttentionKind } from '../../data/schema/attention.ts';
import { useT } from '../i18n/index.ts';
import { useAttention } from './use-attention.ts';
import { Mark, type Shape } from '../wall/Mark.tsx';
import { PRINTING } from '../print/printing.ts';

/** How many items the wall shows at once (a printed page, in smaller type, more); the rest are counted. */
const SHOWN = PRINTING ? 22 : 11;

const MARKS: Record<AttentionKind, Shape> = { epidemic: 'up', below_target: 'down', reports_missing: 'diamond', flag: 'square' };

export function AttentionScene(props: { timeZone: string }) {
  const { t, language } = useT();
  const answer = useAttention();
  const items = answer?.items ?? [];
  const row = (item: AttentionItem, i: number) => (
    <li key={i} className={`attention-item attention-${item.kind}`}>
      <span className="attention-mark">
        <Mark shape={MARKS[item.kind]} />
      </span>
      <span className="attention-kind">{item.status ? t(`attention.status.${item.status}`) : t(`attention.kind.${item.kind}`)}</span>
      <a className="attention-text" href={item.link}>
        {item.text[language]}
      </a>
    </li>
  );
  return (
    <section className="scene attention-scene" data-testid="scene-attention" data-ready={answer ? 'yes' : 'no'}>
      <h2>
        {t('scene.attention')}
        {answer && <span className="period">{t('attention.updated', { time: new Date(answer.computedAt).toLocaleTimeString(language === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: props.timeZone }) })}</span>}
        {items.some((i) => i.demo) && <span className="demo-badge">{t('wall.demo')}</span>}
      </h2>
      {answer && items.length === 0 && <p className="attention-none">{t('attention.none')}</p>}
      <ol className="attention-list" data-testid="attention-list">
        {items.slice(0, SHOWN).map(row)}
      </ol>
      {items.length > SHOWN && <p className="attention-more">{t('attention.more', { count: items.length - SHOWN })}</p>}
    </section>
  );
}
