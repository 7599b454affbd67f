import { describe, expect, it } from 'vitest';
import { formatChange, formatNumber, formatValue } from '../../client/format/format-value.ts';
import { classifyByQuantile, classifyByStatus, NO_DATA, STATUS_COLOURS } from '../../client/map/classify.ts';

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

  it('writes changes in points for rates and in percent for counts', () => {
    expect(formatChange(94.7, 92.4, '%', 'vi')).toBe('+2,3');
    expect(formatChange(90, 100, 'lượt', 'vi')).toBe('−10,0%');
    expect(formatChange(5, null, '%', 'vi')).toBeNull();
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
  });
});

describe('classify', () => {
  it('colours by attainment when there is a target, grey without data', () => {
    const c = classifyByStatus();
    expect(c.colourOf(95, 'met')).toEqual(STATUS_COLOURS.met);
    expect(c.colourOf(null, null)).toEqual(NO_DATA);
    expect(c.legend.map((l) => l.status)).toEqual(['met', 'near', 'below']);
  });

  it('splits values into at most five quantile classes, the darkest for the largest', () => {
    const c = classifyByQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]);
    expect(c.legend).toHaveLength(5);
    expect(c.colourOf(10, null)).toEqual(c.legend.at(-1)!.colour);
    expect(c.colourOf(1, null)).toEqual(c.legend[0]!.colour);
    expect(classifyByQuantile([3, 3, 3]).legend).toHaveLength(1);
  });

  it('merges classes whose breaks coincide, so no legend entry reads "96,2% – 96,2%"', () => {
    const legend = classifyByQuantile([91.1, 94.8, 95.8, 96.2, 96.2, 96.2, 98.2]).legend;
    for (const item of legend) expect(item.from).toBeLessThan(item.to!);
  });
});
