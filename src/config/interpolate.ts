/**
 * `${VAR}` in any string reads the environment. A string that is only `${VAR}` with VAR unset becomes
 * undefined (the key is dropped), so `"apiKey": "${FAL_KEY}"` with no FAL_KEY means "no key" and the
 * error names FAL_KEY. `${VAR:-default}` gives a fallback.
 */
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;
const ANY = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function interpolate(value: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) {
      const v = env[whole[1]!];
      return v !== undefined && v !== '' ? v : whole[2];
    }
    return value.replace(ANY, (_, name: string, fallback?: string) => env[name] || fallback || '');
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env)).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = interpolate(v, env);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return value;
}
