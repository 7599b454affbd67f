import { describe, expect, it } from 'vitest';
import { readAdxPeriod, readDhis2Period, writeAdxPeriod, writeDhis2Period } from '../../data/schema/exchange-period.ts';
import { formatPeriod, parsePeriod, type Period } from '../../data/schema/period.ts';

describe('DHIS2 and ADX periods', () => {
  it.each([
    ['20240517', '2024-05-17', '2024-05-17/P1D'],
    ['2024W20', '2024-W20', '2024-05-13/P7D'],
    ['2020W53', '2020-W53', '2020-12-28/P7D'],
    ['202405', '2024-05', '2024-05-01/P1M'],
    ['2024Q2', '2024-Q2', '2024-04-01/P3M'],
    ['2024S1', '2024-H1', '2024-01-01/P6M'],
    ['2024S2', '2024-H2', '2024-07-01/P6M'],
    ['2024', '2024', '2024-01-01/P1Y'],
  ])('%s is %s (ADX %s)', (dhis2, ours, adx) => {
    const read = readDhis2Period(dhis2);
    expect('period' in read && formatPeriod(read.period)).toBe(ours);
    const fromAdx = readAdxPeriod(adx);
    expect('period' in fromAdx && formatPeriod(fromAdx.period)).toBe(ours);
  });

  it.each(['2024BiW3', '2024WedW20', '2024SunW1', '202401B', '2024AprilS1', '2024NovQ1', '2024April', '2024Oct'])(
    'refuses the DHIS2 period type of %s, naming it, never converting it',
    (text) => expect(readDhis2Period(text)).toHaveProperty('unsupported'),
  );

  it.each(['202413', '2024W54', '2024Q5', '20240230', '2024-05', 'May 2024', ''])('cannot read %j as a DHIS2 period', (text) =>
    expect(readDhis2Period(text)).toEqual({ unreadable: true }),
  );

  it.each(['2024-05-02/P1M', '2024-05-15/P7D', '2024-02-01/P3M', '2024-04-01/P6M', '2024-07-01/P1Y', '2024-05-01/P2M', '2024-05-01/P1M2D'])(
    'refuses the ADX span %s, which is none of our periods',
    (text) => expect(readAdxPeriod(text)).toHaveProperty('unsupported'),
  );

  it.each(['2024-05', '2024-05-01', '2024-02-30/P1D', '2024-05-01/1M'])('cannot read %j as an ADX period', (text) =>
    expect(readAdxPeriod(text)).toEqual({ unreadable: true }),
  );
});

describe('DHIS2 and ADX periods written', () => {
  const periods = ['2024-05-17', '2024-W05', '2024-W20', '2020-W53', '2026-W01', '2024-05', '2024-12', '2024-Q2', '2024-H1', '2024-H2', '2024'];

  it.each(periods)('%s is read back as itself from DHIS2 and from ADX', (ours) => {
    const period = parsePeriod(ours) as Period;
    expect(readDhis2Period(writeDhis2Period(period))).toEqual({ period });
    expect(readAdxPeriod(writeAdxPeriod(period))).toEqual({ period });
  });

  it.each(['20240517', '2024W5', '2024W20', '2020W53', '202405', '2024Q2', '2024S1', '2024S2', '2024'])('DHIS2 %s is written as it was read', (dhis2) => {
    const read = readDhis2Period(dhis2);
    expect('period' in read && writeDhis2Period(read.period)).toBe(dhis2);
  });

  it.each(['2024-05-17/P1D', '2024-05-13/P7D', '2024-05-01/P1M', '2024-04-01/P3M', '2024-07-01/P6M', '2024-01-01/P1Y'])('ADX %s is written as it was read', (adx) => {
    const read = readAdxPeriod(adx);
    expect('period' in read && writeAdxPeriod(read.period)).toBe(adx);
  });
});
