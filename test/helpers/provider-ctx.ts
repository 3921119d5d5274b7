/**
 * A real ProviderContext for calling a provider in-process: the real Http layer (real requests to
 * local servers), with progress, warnings and journal calls recorded so tests can assert them.
 */
import { createReadStream, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Http } from '../../src/http.js';
import { Secrets } from '../../src/secrets.js';
import { systemClock } from '../../src/clock.js';
import type { JobHandle, ProgressEvent, ProviderContext } from '../../src/plugin/types.js';

export interface RecordingContext extends ProviderContext {
  events: ProgressEvent[];
  warnings: string[];
  submitted: JobHandle[];
  updates: string[];
}

export function providerContext(options: { providerId: string; baseUrl: string; key?: string; settings?: Record<string, unknown>; signal?: AbortSignal }): RecordingContext {
  const secrets = new Secrets();
  const signal = options.signal ?? new AbortController().signal;
  const http = new Http({ secrets, clock: systemClock, signal, userAgent: 'automarket-test', retry: { limit: 1, baseDelayMs: 10, maxDelayMs: 50 } });
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'automarket-pctx-'));
  const ctx: RecordingContext = {
    providerId: options.providerId,
    settings: { pollIntervalMs: 20, ...options.settings },
    baseUrl: options.baseUrl,
    http,
    signal,
    env: {},
    tempDir,
    events: [],
    warnings: [],
    submitted: [],
    updates: [],
    apiKey() {
      if (!options.key) throw new Error('no key in this test');
      return options.key;
    },
    optionalApiKey: () => options.key,
    progress: (e) => void ctx.events.push(e),
    warn: (m) => void ctx.warnings.push(m),
    debug: () => undefined,
    jobSubmitted: async (h) => void ctx.submitted.push(h),
    jobUpdated: async (s) => void ctx.updates.push(s),
    openInput: (input) => createReadStream(input.path!),
    exec: async () => ({ stdout: '', stderr: '' }),
  };
  return ctx;
}
