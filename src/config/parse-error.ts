/**
 * The error for a config file that cannot be parsed: the file, what is wrong and where (line and
 * column), and a hint. cosmiconfig's own messages are no use here: a JSON error is a multi-line code
 * frame whose first line is empty, a YAML error starts with "YAML Error in <file>:".
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { shellQuote } from '../shell-quote.js';

interface Problem {
  syntax: 'JSON' | 'YAML' | undefined;
  reason: string;
  line?: number;
  column?: number;
}

export function configParseError(file: string, err: unknown): ConfigError {
  const problem = describe(file, err);
  const where = problem.line !== undefined ? ` (line ${problem.line}, column ${problem.column})` : '';
  const what = problem.syntax ? `fix the ${problem.syntax} there` : 'fix the file';
  return new ConfigError(`${file}: cannot parse config: ${problem.reason}${where}`, {
    hint: `${what}, then check it with \`automarket config validate ${shellQuote(file)}\``,
    data: { file, ...(problem.line !== undefined ? { line: problem.line, column: problem.column } : {}) },
  });
}

function describe(file: string, err: unknown): Problem {
  const e = err as { name?: string; message?: string; reason?: string; mark?: { line: number; column: number } };
  if (e?.name === 'YAMLException') {
    // js-yaml's mark is 0-based.
    return { syntax: 'YAML', reason: e.reason ?? 'invalid YAML', ...(e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : {}) };
  }
  if (e?.name === 'JSONError') {
    const text = readText(file);
    if (text !== undefined) {
      const found = jsonProblem(text);
      if (found) return found;
    }
  }
  // A .js config that throws, or an unreadable file: the first line of its message says enough.
  const message = (e?.message ?? String(err)).split('\n').find((l) => l.trim() !== '' && !/^(JSON|YAML) Error in /.test(l));
  return { syntax: undefined, reason: message?.trim() || 'unknown error' };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Where and why JSON.parse fails on `text`, or undefined when it parses. */
export function jsonProblem(text: string): Problem | undefined {
  let message: string;
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    message = (err as Error).message;
  }
  const position = failurePosition(text);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position; i++) {
    if (text[i] === '\n') {
      line += 1;
      lineStart = i + 1;
    }
  }
  // Cut short, V8 names what it expected next ("expected property name or '}'"); the cut is the news.
  const reason = position === text.length ? 'unexpected end of file' : jsonReason(message);
  return { syntax: 'JSON', reason, line, column: position - lineStart + 1 };
}

/**
 * V8 gives the position only for some errors ("Unexpected token 'x', ... is not valid JSON" has
 * none), so find it the same way for all: the longest prefix that is still the start of a valid
 * JSON text ends where the error is.
 */
function failurePosition(text: string): number {
  const validStart = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (err) {
      // Running out of text is reported either way: "Unexpected end" or a position at the very end.
      const message = (err as Error).message;
      return /Unexpected end of JSON input/.test(message) || Number(/at position (\d+)/.exec(message)?.[1]) === n;
    }
  };
  let ok = 0;
  let bad = text.length;
  while (bad - ok > 1) {
    const mid = Math.floor((ok + bad) / 2);
    if (validStart(mid)) ok = mid;
    else bad = mid;
  }
  // A truncated file fails at its very end; otherwise the character after the longest valid start
  // broke it (whitespace between tokens is always a valid continuation, so it is never that).
  return validStart(text.length) ? text.length : ok;
}

/** The reason without V8's position and snippet: "unexpected token '}'", "expected ',' or '}' after property value". */
function jsonReason(message: string): string {
  if (/Unexpected end of JSON input/.test(message)) return 'unexpected end of file';
  if (/Unexpected non-whitespace character after JSON/.test(message)) return 'unexpected text after the end of the JSON value';
  const reason = message
    .replace(/, (?:\.\.\.)?".*$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .trim();
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}
