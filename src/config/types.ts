import type { Capability } from '../kinds.js';

export interface RetryConfig {
  maxRetries?: number;
  /** Older name of maxRetries. */
  limit?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface ProviderConfig {
  type?: 'openai-compatible';
  apiKey?: string;
  baseUrl?: string;
  storageUrl?: string;
  capabilities?: Capability[];
  models?: Array<string | { id: string; capabilities?: Capability[] }>;
  defaultModel?: string;
  service?: string;
  autoStart?: boolean;
  concurrency?: number;
  timeout?: number;
  retry?: RetryConfig;
  path?: string;
  [key: string]: unknown;
}

export interface ServiceConfig {
  compose: string;
  url: string;
  health?: string;
  provider?: string;
  startTimeout?: number;
  gpu?: string;
}

export interface AutomarketConfig {
  output?: { dir?: string; filename?: string; sidecar?: boolean; maxBytes?: number };
  defaults?: { image?: string; video?: string; audio?: string; text?: string; preview?: boolean; timeout?: number };
  timeouts?: { image?: number; video?: number; audio?: number; text?: number };
  providers?: Record<string, ProviderConfig>;
  services?: Record<string, ServiceConfig>;
  plugins?: string[];
  batch?: { concurrency?: number };
  /** `models discover` cache lifetime. */
  models?: { cacheTtlHours?: number };
}

/** Where a config file came from; decides whether its base URLs may receive keys unasked (issue 5). */
export type ConfigOrigin = 'user' | 'project' | 'explicit';

export interface ConfigFile {
  path: string;
  origin: ConfigOrigin;
}

export interface LoadedConfig {
  config: AutomarketConfig;
  files: ConfigFile[];
  /** For each `a.b.c` key path that a file set, the file that set it last (for `config show`). */
  sources: Record<string, ConfigFile>;
}
