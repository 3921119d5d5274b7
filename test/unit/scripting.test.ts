import { parseCsvRecord } from '../../src/batch/csv.js';
import { toItem } from '../../src/batch/items.js';
import { estimateCost, checkMaxCost, parseMaxCost } from '../../src/cost/estimate.js';
import { maskConfig } from '../../src/commands/config.js';
import { Limiter } from '../../src/batch/limiter.js';
import type { ModelInfo } from '../../src/plugin/types.js';

describe('CSV records', () => {
  test('quotes, escaped quotes, commas and open records', () => {
    expect(parseCsvRecord('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
    expect(parseCsvRecord('a,"multi')).toBeUndefined();
    expect(parseCsvRecord('a,"multi\nline"')).toEqual(['a', 'multi\nline']);
    expect(parseCsvRecord('x,y\r')).toEqual(['x', 'y']);
  });
});

describe('batch items', () => {
  test('defaults, params as JSON text, inputs split on |', () => {
    const item = toItem({ prompt: 'p', params: '{"steps":4}', inputs: 'a.png|b.png', seed: '7' }, 3, 'f.csv', { kind: 'image' });
    expect(item).toMatchObject({ id: 'line-3', kind: 'image', params: { steps: 4 }, inputs: ['a.png', 'b.png'], seed: 7 });
  });

  test('every problem names the line and the field', () => {
    expect(() => toItem({ kind: 'image', prompt: 'x', promt: 'y' }, 2, 'f.jsonl')).toThrow('f.jsonl line 2: unknown field "promt"');
    expect(() => toItem({ kind: 'gif', prompt: 'x' }, 4, 'f.jsonl')).toThrow('unknown kind "gif"');
    expect(() => toItem({ prompt: 'x' }, 5, 'f.jsonl')).toThrow('no "kind"');
    expect(() => toItem({ kind: 'image' }, 6, 'f.jsonl')).toThrow('no "prompt"');
    expect(() => toItem({ kind: 'image', prompt: 'x', seed: -1 }, 7, 'f.jsonl')).toThrow('"seed" must be a whole number');
    expect(() => toItem({ kind: 'image', prompt: 'x', inputs: ['-'] }, 8, 'f.jsonl')).toThrow('cannot read stdin');
    expect(() => toItem({ kind: 'image', prompt: 'x', id: '../etc' }, 9, 'f.jsonl')).toThrow('bad id');
  });
});

describe('cost estimates', () => {
  const model = (per: NonNullable<ModelInfo['price']>['per'], usd: number): ModelInfo => ({ id: 'm', capabilities: ['text-to-image'], price: { usd, per } });
  const base = { kind: 'image' as const, prompt: 'x'.repeat(2000), count: 2 };

  test('each price unit', () => {
    expect(estimateCost(model('image', 0.04), base)).toBe(0.08);
    expect(estimateCost(model('megapixel', 0.01), { ...base, size: { width: 1000, height: 500 } })).toBe(0.01);
    expect(estimateCost(model('megapixel', 0.01), { ...base, count: 1 })).toBe(0.010486);
    expect(estimateCost(model('second', 0.05), { ...base, kind: 'video', count: 1 })).toBe(0.25);
    expect(estimateCost(model('second', 0.05), { ...base, kind: 'video', count: 1, durationSeconds: 10 })).toBe(0.5);
    expect(estimateCost(model('1k-characters', 0.02), { ...base, count: 1 })).toBe(0.04);
    expect(estimateCost(model('request', 0), base)).toBe(0);
    expect(estimateCost({ id: 'm', capabilities: ['text-to-image'] }, base)).toBeUndefined();
  });

  test('--max-cost', () => {
    expect(parseMaxCost('$1.5')).toBe(1.5);
    expect(() => parseMaxCost('lots')).toThrow('Bad --max-cost');
    expect(() => checkMaxCost(0.2, 0.1, 'it')).toThrow('it is estimated at $0.20, over --max-cost $0.10');
    expect(() => checkMaxCost(0.1, 0.1, 'it')).not.toThrow();
    expect(() => checkMaxCost(undefined, 0.1, 'it')).not.toThrow();
  });
});

test('config masking hides every key-like value, at any depth', () => {
  expect(maskConfig({ providers: { fal: { apiKey: 'abcdefghijkl', baseUrl: 'http://x' } }, token: 'short' })).toEqual({ providers: { fal: { apiKey: 'abc…ijkl', baseUrl: 'http://x' } }, token: '****' });
});

test('the limiter never runs more than its limit at once', async () => {
  const limiter = new Limiter(3);
  let active = 0;
  let peak = 0;
  const task = async () => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setImmediate(r));
    active--;
  };
  await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
  expect(peak).toBe(3);
});
