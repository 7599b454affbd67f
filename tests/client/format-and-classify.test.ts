import { describe, expect, it } from 'vitest';
import { describeChange, formatNumber, formatValue, formatWithUnit, isMoney } from '../../client/format/format-value.ts';
import { classifyByBreaks, classifyByStatus, NO_DATA, STATUS_COLOURS } from '../../client/map/classify.ts';

describe('formatValue', () => {
  it.each([
    [1234.5, '%', 'vi', '1.234,5%'],
    [94.6707, '%', 'vi', '94,7%'],
    [94.6707, '%', 'en', '94.7%'],
    [626288, 'hồ sơ', 'vi', '626.288'],
    [null, '%', 'vi', '–'],
  ] as const)('writes %s %s in %s as %s', (value, unit, language, text) => {
    expect(formatValue(value, unit, language)).toBe(text);
  });

  it('writes money in whole đồng with thousands separators, never decimals, and names the unit when asked', () => {
    expect(isMoney('đồng')).toBe(true);
    expect(isMoney('VND')).toBe(true);
    expect(isMoney('lượt')).toBe(false);
    expect(formatValue(1234567.89, 'đồng', 'vi')).toBe('1.234.568');
    expect(formatValue(45.5, 'đồng', 'vi')).toBe('46');
    expect(formatWithUnit(1234567, 'đồng', 'vi')).toBe('1.234.567 đồng');
    expect(formatWithUnit(1234567.4, 'VND', 'en')).toBe('1,234,567 VND');
    expect(formatWithUnit(3495828258.5, 'đồng', 'vi')).toBe('3.495.828.259 đồng');
    // Rates keep their "%", counts their word; a missing figure stands alone.
    expect(formatWithUnit(94.6707, '%', 'vi')).toBe('94,7%');
    expect(formatWithUnit(626288, 'hồ sơ', 'vi')).toBe('626.288 hồ sơ');
    expect(formatWithUnit(null, 'đồng', 'vi')).toBe('–');
  });

  it('writes changes in points for rates and in percent for counts, good or bad by direction, never −0,0', () => {
    expect(describeChange(94.7, 92.4, '%', 'higher_is_better', 'vi')).toEqual({ way: 'up', amount: '2,3', measure: 'points', tone: 'good' });
    expect(describeChange(90, 100, 'lượt', 'higher_is_better', 'vi')).toEqual({ way: 'down', amount: '10,0', measure: 'percent', tone: 'bad' });
    expect(describeChange(120, 100, 'ca', 'lower_is_better', 'en')).toEqual({ way: 'up', amount: '20.0', measure: 'percent', tone: 'bad' });
    expect(describeChange(80, 100, 'ca', 'lower_is_better', 'vi')?.tone).toBe('good');
    expect(describeChange(80, 100, 'lượt', 'neutral', 'vi')?.tone).toBe('neutral');
    // A change that prints as zero is flat, whichever side of zero it fell.
    expect(describeChange(96.21, 96.24, '%', 'higher_is_better', 'vi')).toEqual({ way: 'flat', amount: '0,0', measure: 'points', tone: 'neutral' });
    expect(describeChange(5, null, '%', 'higher_is_better', 'vi')).toBeNull();
    expect(describeChange(5, 0, 'ca', 'lower_is_better', 'vi')).toBeNull();
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
  });
});

describe('classify', () => {
  it('colours by attainment when there is a target, grey without data, with a legend entry for no data', () => {
    const c = classifyByStatus();
    expect(c.colourOf(95, 'met')).toEqual(STATUS_COLOURS.met);
    expect(c.colourOf(null, null)).toEqual(NO_DATA);
    expect(c.legend.map((l) => l.status ?? (l.noData && 'no data'))).toEqual(['met', 'near', 'below', 'no data']);
  });

  it('splits values into at most five classes between round values, and one class for equal values', () => {
    const c = classifyByBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null], 'neutral');
    const classes = c.legend.filter((l) => !l.noData);
    expect(classes.length).toBeGreaterThan(2);
    expect(classes.length).toBeLessThanOrEqual(5);
    expect(c.colourOf(10, null)).toEqual(classes.at(-1)!.colour);
    expect(c.colourOf(1, null)).toEqual(classes[0]!.colour);
    expect(classifyByBreaks([3, 3, 3], 'neutral').legend.filter((l) => !l.noData)).toHaveLength(1);
  });

  it('never makes a class narrower than the rounding its bounds are written with (no "96,2% – 96,3%")', () => {
    const c = classifyByBreaks([91.1, 94.8, 95.8, 96.2, 96.2, 96.2, 98.2], 'higher_is_better');
    const bounds = c.legend.flatMap((l) => [l.from, l.to]).filter((b): b is number => b !== undefined);
    for (const b of bounds) expect(Number(b.toFixed(c.decimals))).toBe(b);
    const classes = c.legend.filter((l) => l.from !== undefined && l.to !== undefined);
    for (const item of classes) expect(item.to! - item.from!).toBeGreaterThanOrEqual(10 ** -c.decimals);
  });
});
