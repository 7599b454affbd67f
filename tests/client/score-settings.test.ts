import { describe, expect, it } from 'vitest';
import { readScoreSettings, scoreParams } from '../../client/scores/score-settings.ts';

describe('score settings in the URL', () => {
  const url = new URLSearchParams(
    'indicator=scores&method=geometric&w.information=2&g.cashless_payment_rate=target:10&set=cashless_payment_rate:585:50&el=financing:information:0.5:&el=information:financing:0.2:WHO 2018: Table 3',
  );

  it('reads back what it writes, and leaves out the parameters that are not the scores’', () => {
    const settings = readScoreSettings(url);
    expect(settings).toEqual({
      method: 'geometric',
      weights: { information: 2 },
      goalposts: { cashless_payment_rate: 'target:10' },
      sets: [{ indicator: 'cashless_payment_rate', unit: '585', value: 50 }],
      elasticities: [
        { from: 'financing', to: 'information', coefficient: 0.5, citation: '' },
        { from: 'information', to: 'financing', coefficient: 0.2, citation: 'WHO 2018: Table 3' },
      ],
    });
    expect(readScoreSettings(new URLSearchParams(scoreParams(settings)))).toEqual(settings);
  });

  it('asks the server to apply only elasticities with a source and a coefficient', () => {
    const asked = scoreParams(readScoreSettings(url), true).filter(([k]) => k === 'el');
    expect(asked).toEqual([['el', 'information:financing:0.2:WHO 2018: Table 3']]);
  });
});
