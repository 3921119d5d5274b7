/** Parsing and checking of `generate` flags. Every bad value is a UsageError naming the flag. */
import { UsageError } from '../errors.js';

export function parseSize(value: string): { width: number; height: number } {
  const m = /^(\d{1,5})x(\d{1,5})$/i.exec(value.trim());
  if (!m) throw new UsageError(`Bad --size "${value}"`, { hint: 'use WIDTHxHEIGHT, for example --size 1024x768' });
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width < 16 || height < 16 || width > 16384 || height > 16384) {
    throw new UsageError(`Bad --size "${value}": each side must be between 16 and 16384`, { hint: 'for example --size 1024x768' });
  }
  return { width, height };
}

export function parseAspect(value: string): { width: number; height: number } {
  const m = /^(\d{1,4}):(\d{1,4})$/.exec(value.trim());
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw new UsageError(`Bad --aspect "${value}"`, { hint: 'use W:H, for example --aspect 16:9' });
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function parseInteger(flag: string, value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`Bad ${flag} "${value}": expected a whole number`, { hint: `for example ${flag} ${Math.max(min, 1)}` });
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`Bad ${flag} ${value}: must be between ${min} and ${max}`);
  return n;
}

export function parsePositiveNumber(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`Bad ${flag} "${value}": expected a positive number of seconds`, { hint: `for example ${flag} 5` });
  return n;
}

export function parseNonNegativeNumber(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`Bad ${flag} "${value}": expected a number of seconds, 0 or more`, { hint: `for example ${flag} 1.5` });
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
