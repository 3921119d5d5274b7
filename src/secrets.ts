/**
 * Every key the run has read is registered here, and every line that leaves the process (errors,
 * logs, --verbose traces, sidecars, the journal) goes through redact(). Keys are replaced whole, and
 * credential-looking header values are masked even when we never saw the key.
 */
const MASK = '[redacted]';
const HEADER_PATTERNS: RegExp[] = [
  /((?:authorization)["']?\s*[:=]\s*["']?(?:key|bearer|token|basic)\s+)[^\s"',}]+/gi,
  /((?:xi-api-key|x-api-key|api-key|apikey)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

export class Secrets {
  private readonly values = new Set<string>();

  add(secret: string | undefined): void {
    // Very short values would mask ordinary words; real keys are long.
    if (secret && secret.length >= 6) this.values.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.values) out = out.split(secret).join(MASK);
    for (const pattern of HEADER_PATTERNS) out = out.replace(pattern, `$1${MASK}`);
    return out;
  }

  /** Deep copy of a JSON-able value with every string redacted. */
  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value ?? null))) as T;
  }
}

/** `sk-...abcd` style display of a key, for `keys list` and `config show`. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '****';
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}
