/**
 * Every numeric flag parser fails the same way: the message names the flag and the value, and the
 * hint names what is allowed and gives a value that works ("use ..., for example --flag N"), so a
 * user who has met one of them can read them all.
 */
import { numberHint, parseInteger, parseNonNegativeNumber, parseNumberInRange, parsePositiveNumber, parseSize } from '../../src/generate/options.js';
import { parseMaxCost } from '../../src/cost/estimate.js';
import { UsageError } from '../../src/errors.js';

function failure(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

test.each([
  ['--count 99', () => parseInteger('--count', '99', 1, 16, 4), 'Bad --count 99: must be between 1 and 16', 'use a whole number from 1 to 16, for example --count 4'],
  ['--count 0', () => parseInteger('--count', '0', 1, 16, 4), 'Bad --count 0: must be between 1 and 16', 'use a whole number from 1 to 16, for example --count 4'],
  ['--count many', () => parseInteger('--count', 'many', 1, 16, 4), 'Bad --count "many": expected a whole number', 'use a whole number from 1 to 16, for example --count 4'],
  ['--seed -1', () => parseInteger('--seed', '-1', 0, 2 ** 32 - 1, 42), 'Bad --seed -1: must be between 0 and 4294967295', 'use a whole number from 0 to 4294967295, for example --seed 42'],
  ['--concurrency 0', () => parseInteger('--concurrency', '0', 1, 256, 8), 'Bad --concurrency 0: must be between 1 and 256', 'use a whole number from 1 to 256, for example --concurrency 8'],
  ['--fps 500', () => parseNumberInRange('--fps', '500', 1, 120, 30), 'Bad --fps "500": expected a number from 1 to 120', 'use a number from 1 to 120, for example --fps 30'],
  ['--timeout 0', () => parsePositiveNumber('--timeout', '0', 600), 'Bad --timeout "0": expected a positive number of seconds', 'use a number of seconds above 0, for example --timeout 600'],
  ['--at -1', () => parseNonNegativeNumber('--at', '-1'), 'Bad --at "-1": expected a number of seconds, 0 or more', 'use a number of seconds, 0 or more, for example --at 1.5'],
  ['--size 2x2', () => parseSize('2x2'), 'Bad --size "2x2": each side must be between 16 and 16384', 'use sides from 16 to 16384, for example --size 1024x768'],
  ['--max-cost -1', () => parseMaxCost('-1'), 'Bad --max-cost "-1": expected an amount in USD', 'use an amount in USD, 0 or more, for example --max-cost 0.50'],
])('%s: the flag and value, then the allowed range and an example', (_name, parse, message, hint) => {
  const err = failure(parse);
  expect(err.message).toBe(message);
  expect(err.hint).toBe(hint);
  expect(err.exitCode).toBe(2);
});

test('the example in a hint is itself accepted by the parser', () => {
  // A hint that suggests a value the parser refuses would send the user round in circles.
  const parsers: Array<(v: string) => unknown> = [
    (v) => parseInteger('--count', v, 1, 16, 4),
    (v) => parseInteger('--seed', v, 0, 2 ** 32 - 1, 42),
    (v) => parseNumberInRange('--overlay-opacity', v, 0, 1, 0.8),
    (v) => parsePositiveNumber('--duration', v),
    (v) => parseNonNegativeNumber('--at', v),
  ];
  for (const parse of parsers) {
    const example = /for example \S+ (\S+)$/.exec(failure(() => parse('x')).hint!)![1]!;
    expect(() => parse(example)).not.toThrow();
  }
  expect(numberHint('--tail', 'a whole number of lines, 0 or more', 50)).toBe('use a whole number of lines, 0 or more, for example --tail 50');
});
