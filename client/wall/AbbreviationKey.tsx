/** Spells out the abbreviations facility names use (TTYT, TYT, BV) wherever such names are listed: a reader may not know them. */
import { useT, type MessageKey } from '../i18n/index.ts';

const ABBREVIATIONS = ['TTYT', 'TYT', 'BV'] as const;

export function AbbreviationKey({ names }: { names: string[] }) {
  const { t } = useT();
  const used = ABBREVIATIONS.filter((a) => names.some((n) => n.startsWith(`${a} `)));
  if (used.length === 0) return null;
  return (
    <p className="note abbreviations" data-testid="abbreviations">
      {used.map((a) => `${a}: ${t(`abbr.${a}` as MessageKey)}`).join(' · ')}
    </p>
  );
}
