/** An indicator's name that opens its calculation guide (QĐ 828: every indicator comes with one). */
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { PRINTING } from '../print/printing.ts';

export const guideUrl = (code: string) => `/guide?indicator=${encodeURIComponent(code)}`;

export function GuideLink(props: { code: string; name: string; children?: ReactNode }) {
  const { t } = useT();
  return (
    <a className="guide-link" href={guideUrl(props.code)} title={t('guide.open', { name: props.name })} data-testid={`guide-link-${props.code}`}>
      {props.children ?? props.name}
      {!PRINTING && <span aria-hidden> ⓘ</span>}
    </a>
  );
}
