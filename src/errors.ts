/**
 * Typed errors. Commands and providers throw these; the one handler in run.ts maps them to an exit
 * code and one line on stderr (or a JSON error object with --json). Nothing else calls process.exit.
 *
 * Exit codes (design.md section 4): 0 success, 1 the work failed, 2 usage/config/input, 130 interrupted.
 */
export type ExitCode = 0 | 1 | 2 | 130;

export interface ErrorDetails {
  code?: string;
  hint?: string;
  cause?: unknown;
  /** Extra machine-readable facts for --json output (field names, request ids, job ids). */
  data?: Record<string, unknown>;
  /** A tool's raw words (ffprobe's stderr): too noisy for the one-line message, shown with --verbose. */
  detail?: string;
}

export class AutomarketError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly data?: Record<string, unknown>;
  readonly detail?: string;

  constructor(message: string, exitCode: ExitCode, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.code = details.code ?? 'ERROR';
    this.hint = details.hint;
    this.data = details.data;
    this.detail = details.detail;
  }
}

/** Wrong command line: unknown kind, bad flag value, missing argument. */
export class UsageError extends AutomarketError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 2, { code: 'USAGE', ...details });
  }
}

/** A config file that cannot be read or does not match the schema. */
export class ConfigError extends AutomarketError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 2, { code: 'CONFIG', ...details });
  }
}

/** Input the user gave that cannot be used: missing file, output path that cannot be written. */
export class InputError extends AutomarketError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 2, { code: 'INPUT', ...details });
  }
}

/** A provider needs a key and none was found. */
export class MissingKeyError extends AutomarketError {
  constructor(providerId: string, envVar: string | undefined) {
    const where = envVar ? `set ${envVar}` : `set providers.${providerId}.apiKey`;
    super(`No API key for ${providerId}: ${where}`, 2, {
      code: 'MISSING_KEY',
      hint: envVar
        ? `export ${envVar}=..., run \`automarket keys set ${providerId}\`, or set providers.${providerId}.apiKey in your config`
        : `run \`automarket keys set ${providerId}\` or set providers.${providerId}.apiKey in your config`,
      data: { provider: providerId, env: envVar },
    });
  }
}

/** The provider refused or failed the request (validation, content policy, failed prediction). */
export class ProviderError extends AutomarketError {
  readonly status?: number;
  constructor(message: string, details: ErrorDetails & { status?: number; exitCode?: ExitCode } = {}) {
    super(message, details.exitCode ?? 1, { code: 'PROVIDER', ...details });
    this.status = details.status;
  }
}

/** Network trouble: connection refused, reset, timeout. */
export class NetworkError extends AutomarketError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 1, { code: 'NETWORK', ...details });
  }
}

/** A local service (Docker, compose, a health check) failed. */
export class ServiceError extends AutomarketError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 1, { code: 'SERVICE', ...details });
  }
}

/** A job timed out while still running remotely: it is kept in the journal for `jobs resume`. */
export class TimeoutError extends AutomarketError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 1, { code: 'TIMEOUT', ...details });
  }
}

/** Ctrl-C. */
export class InterruptedError extends AutomarketError {
  constructor(message = 'Interrupted') {
    super(message, 130, { code: 'INTERRUPTED' });
  }
}

export function isAutomarketError(err: unknown): err is AutomarketError {
  return err instanceof AutomarketError;
}

/** True when the error came from an aborted AbortSignal (ours or a library's). */
export function isAbortError(err: unknown): boolean {
  if (err instanceof InterruptedError) return true;
  const e = err as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.code === 'ABORT_ERR' || e?.code === 'ERR_ABORTED';
}
