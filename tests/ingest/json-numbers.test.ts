/** JSON numbers are read as written (issue 24): 1.000 stays "1.000" for the number rules to judge, never 1. */
import { describe, expect, it } from 'vitest';
import { numbersAsText } from '../../server/ingest/json-numbers.ts';

const read = (text: string) => JSON.parse(numbersAsText(text)) as unknown;

describe('numbersAsText', () => {
  it('gives every number in a value position as its own text', () => {
    expect(read('[{"value": 1.000, "numerator": 12.0, "denominator": -5, "e": 1E3, "rate": 46.040, "n": 0}]')).toEqual([
      { value: '1.000', numerator: '12.0', denominator: '-5', e: '1E3', rate: '46.040', n: '0' },
    ]);
    expect(read('{"rows": [[1, 2.50], {"a": [3]}], "b": 4}')).toEqual({ rows: [['1', '2.50'], { a: ['3'] }], b: '4' });
  });

  it('leaves strings, with their escapes and digits, and literals as they are', () => {
    expect(read('["a\\"1.0", "b\\\\", 2, true, false, null, "x 7 y"]')).toEqual(['a"1.0', 'b\\', '2', true, false, null, 'x 7 y']);
  });

  it('leaves a text that is not JSON for JSON.parse to refuse: a number where a key belongs, a leading zero, a bare point', () => {
    for (const text of ['{1: 2}', '{"a": 1, 2: 3}', '[01]', '[1.]', '["open', '[-]', '[tru]', '[1 2]'])
      expect(() => read(text), text).toThrow(SyntaxError);
  });
});
