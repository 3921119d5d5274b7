/**
 * A real ProviderContext for tests: the engine's own HTTP layer (no retries by default, so a failing
 * fake fails fast), a private temp directory, and lists that collect progress, warnings and jobs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import type { JobHandle, ProgressEvent, ProviderContext, ProviderPlugin } from '../plugin/types.js';
import { Http, type RetrySettings } from '../http.js';
import { Secrets } from '../secrets.js';
import { systemClock } from '../clock.js';
import { createExec } from '../exec.js';
import { MissingKeyError } from '../errors.js';

export interface TestContextOptions {
  /** The provider under test: its id, apiKeyEnv and defaultBaseUrl fill the gaps below. */
  provider?: Pick<ProviderPlugin, 'id'> & Partial<Pick<ProviderPlugin, 'apiKeyEnv' | 'baseUrlEnv' | 'defaultBaseUrl'>>;
  /** Usually a fake server's URL. */
  baseUrl?: string;
  /** `providers.<id>` config section. */
  settings?: Record<string, unknown>;
  /** Environment the provider sees (keys go here: `{ EXAMPLE_API_KEY: 'test-key' }`). Not process.env. */
  env?: Record<string, string | undefined>;
  signal?: AbortSignal;
  retry?: Partial<RetrySettings>;
}

export interface TestContext extends ProviderContext {
  readonly events: ProgressEvent[];
  readonly warnings: string[];
  readonly jobs: Array<JobHandle | { status: string; extra?: Record<string, unknown> }>;
  /** Removes the temp directory. */
  dispose(): void;
}

export function createTestContext(options: TestContextOptions = {}): TestContext {
  const provider = options.provider ?? { id: 'test' };
  const env = options.env ?? {};
  const settings = Object.freeze({ ...(options.settings ?? {}) });
  const signal = options.signal ?? new AbortController().signal;
  const secrets = new Secrets();
  const http = new Http({ secrets, clock: systemClock, signal, userAgent: 'automarket-testing', retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 100, ...options.retry } });
  const exec = createExec(signal, { ...process.env, ...env });
  let tempDir: string | undefined;
  const events: ProgressEvent[] = [];
  const warnings: string[] = [];
  const jobs: TestContext['jobs'] = [];
  const baseUrl = String(
    options.baseUrl ?? settings.baseUrl ?? (provider.baseUrlEnv ? env[provider.baseUrlEnv] : undefined) ?? provider.defaultBaseUrl ?? '',
  ).replace(/\/+$/, '');
  const lookupKey = (): string | undefined => {
    const fromSettings = settings.apiKey;
    if (typeof fromSettings === 'string' && fromSettings) return fromSettings;
    return provider.apiKeyEnv ? env[provider.apiKeyEnv] || undefined : undefined;
  };
  return {
    providerId: provider.id,
    settings,
    baseUrl,
    http,
    signal,
    env,
    get tempDir() {
      tempDir ??= mkdtempSync(path.join(os.tmpdir(), 'automarket-testing-'));
      return tempDir;
    },
    apiKey() {
      const key = lookupKey();
      if (!key) throw new MissingKeyError(provider.id, provider.apiKeyEnv);
      return key;
    },
    optionalApiKey: lookupKey,
    progress: (event) => void events.push(event),
    warn: (message) => void warnings.push(message),
    debug: () => undefined,
    async jobSubmitted(handle) {
      jobs.push(handle);
    },
    async jobUpdated(status, extra) {
      jobs.push({ status, ...(extra ? { extra } : {}) });
    },
    openInput(input) {
      if (!input.path) throw new Error(`input ${input.name} is not a local file`);
      return createReadStream(input.path);
    },
    async exec(file, args, execOptions) {
      const r = await exec(file, args, { input: execOptions?.input, timeoutMs: execOptions?.timeoutMs, signal });
      if (r.notFound) throw Object.assign(new Error(`${file} is not installed`), { code: 'ENOENT' });
      if (r.exitCode !== 0) throw new Error(`${file} exited with code ${r.exitCode}: ${r.stderr.trim()}`);
      return { stdout: r.stdout, stderr: r.stderr };
    },
    events,
    warnings,
    jobs,
    dispose() {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      tempDir = undefined;
    },
  };
}
