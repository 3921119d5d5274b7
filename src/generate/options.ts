/** Parsing and checking of `generate` flags. Every bad value is a UsageError naming the flag. */
import { UsageError } from '../errors.js';

export function parseSize(value: string): { width: number; height: number } {
  const m = /^(\d{1,5})x(\d{1,5})$/i.exec(value.trim());
  if (!m) throw new UsageError(`Bad --size "${value}"`, { hint: 'use WIDTHxHEIGHT, for example --size 1024x768' });
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw new UsageError(`Bad --size "${value}": each side must be between 16 and 16384`, { hint: numberHint('--size', 'sides from 16 to 16384', '1024x768') });
  }
  return { width, height };
}

export function parseAspect(value: string): { width: number; height: number } {
  const m = /^(\d{1,4}):(\d{1,4})$/.exec(value.trim());
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw new UsageError(`Bad --aspect "${value}"`, { hint: 'use W:H, for example --aspect 16:9' });
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * The hint of every numeric flag has one shape, so a user learns it once: what is allowed, then a
 * value that works ("use a whole number from 1 to 16, for example --count 4").
 */
export function numberHint(flag: string, allowed: string, example: number | string): string {
  return `use ${allowed}, for example ${flag} ${example}`;
}

export function parseInteger(flag: string, value: string, min: number, max: number, example: number = min): number {
  const hint = numberHint(flag, `a whole number from ${min} to ${max}`, example);
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`Bad ${flag} "${value}": expected a whole number`, { hint });
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`Bad ${flag} ${value}: must be between ${min} and ${max}`, { hint });
  return n;
}

/** A number (fractions allowed) within [min, max]. */
export function parseNumberInRange(flag: string, value: string, min: number, max: number, example: number = min): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`Bad ${flag} "${value}": expected a number from ${min} to ${max}`, { hint: numberHint(flag, `a number from ${min} to ${max}`, example) });
  }
  return n;
}

export function parsePositiveNumber(flag: string, value: string, example: number = 5): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`Bad ${flag} "${value}": expected a positive number of seconds`, { hint: numberHint(flag, 'a number of seconds above 0', example) });
  }
  return n;
}

export function parseNonNegativeNumber(flag: string, value: string, example: number = 1.5): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`Bad ${flag} "${value}": expected a number of seconds, 0 or more`, { hint: numberHint(flag, 'a number of seconds, 0 or more', example) });
  }
  return n;
}

const PARAM_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** `-P key=value`: the value is JSON when it parses, else a string. Dotted keys build nested objects. */
export function parseParams(values: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const raw of values) {
    const eq = raw.indexOf('=');
    const key = eq > 0 ? raw.slice(0, eq).trim() : '';
    if (!key || !PARAM_KEY.test(key)) {
      throw new UsageError(`Bad --param "${raw}"`, { hint: 'use key=value, for example --param num_inference_steps=4' });
    }
    const text = raw.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      /* a plain string */
    }
    const path = key.split('.');
    let node = params;
    for (const part of path.slice(0, -1)) {
      if (['__proto__', 'constructor', 'prototype'].includes(part)) throw new UsageError(`Bad --param key "${key}"`);
      const next = node[part];
      node = (node[part] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    if (['__proto__', 'constructor', 'prototype'].includes(leaf)) throw new UsageError(`Bad --param key "${key}"`);
    node[leaf] = value;
  }
  return params;
}

export function parseFormat(value: string): string {
  const f = value.trim().toLowerCase().replace(/^\./, '');
  if (!/^[a-z0-9_]{2,20}$/.test(f)) throw new UsageError(`Bad --format "${value}"`, { hint: 'for example --format png, --format mp3, --format srt' });
  return f;
}
