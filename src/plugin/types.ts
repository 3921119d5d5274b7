/**
 * The provider plugin interface: the only way a provider enters automarket (design.md section 3).
 * Built-in providers use exactly this; third-party plugins import it from `automarket/plugin`.
 * Bump PLUGIN_API_VERSION on any breaking change; the registry refuses plugins built for another one.
 */
import type { Readable } from 'node:stream';
import type { Capability, Kind } from '../kinds.js';
import type { Http } from '../http.js';

export const PLUGIN_API_VERSION = 1 as const;

export type ProviderType = 'remote' | 'local' | 'service';

/** A published price, so `--dry-run` and `--max-cost` can estimate. */
export interface Price {
  usd: number;
  /** What one `usd` pays for. */
  per: 'image' | 'megapixel' | 'second' | 'minute' | 'request' | '1k-characters' | '1m-tokens';
}

/** Request options a model may ignore: listed so ignored ones become warnings, never silent drops. */
export type StandardOption = 'size' | 'aspect' | 'seed' | 'count' | 'duration' | 'voice' | 'format' | 'at';

export interface ModelInfo {
  id: string;
  capabilities: Capability[];
  displayName?: string;
  description?: string;
  price?: Price;
  /** Options this model honours; an option set on the command line and absent here becomes a warning. */
  supports?: StandardOption[];
  /** The model chosen for a capability when none is named. */
  default?: boolean;
  /** Where it came from: the offline catalogue or a live discovery. */
  source?: 'catalogue' | 'discovered';
  extra?: Record<string, unknown>;
}

/** One input file: a local path, a URL, or bytes read from stdin (`-i -`). */
export interface InputRef {
  kind: Kind;
  mediaType: string;
  /** Local file path (also set for stdin, which is spooled to a temp file first). */
  path?: string;
  url?: string;
  name: string;
  bytes?: number;
}

export interface GenerateRequest {
  capability: Capability;
  kind: Kind;
  model: string;
  prompt: string;
  inputs: InputRef[];
  count: number;
  size?: { width: number; height: number };
  aspect?: { width: number; height: number };
  seed?: number;
  durationSeconds?: number;
  voice?: string;
  format?: string;
  atSeconds?: number;
  /** Provider-specific passthrough from `--param key=value`. */
  params: Record<string, unknown>;
  signal: AbortSignal;
}

/** One output before it is written: exactly one of url, data, stream, filePath or text. */
export interface AssetSource {
  kind: Kind;
  mediaType?: string;
  url?: string;
  data?: Uint8Array;
  stream?: Readable;
  /** A file the provider already wrote (a local tool's output); it is moved into place. */
  filePath?: string;
  text?: string;
  /** File name the provider suggests (its extension is a hint only; bytes decide). */
  fileName?: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  seed?: number;
  /** Extra headers the download needs (some providers sign their file URLs). */
  headers?: Record<string, string>;
}

export interface GenerateResult {
  assets: AssetSource[];
  warnings?: string[];
  requestId?: string;
  seed?: number;
  costUsd?: number;
  /** Provider facts worth keeping in the sidecar (timings, revised prompt). */
  metadata?: Record<string, unknown>;
}

export type ProgressEvent =
  | { phase: 'submitting' }
  | { phase: 'queued'; position?: number }
  | { phase: 'running'; percent?: number; log?: string }
  | { phase: 'downloading'; receivedBytes: number; totalBytes?: number }
  | { phase: 'uploading'; name: string }
  | { phase: 'message'; text: string };

/** A remote request, recorded in the job journal before the CLI waits on it. */
export interface JobHandle {
  requestId: string;
  /** Everything needed to poll, fetch or cancel later, without the prompt or the key. */
  urls?: Record<string, string>;
  data?: Record<string, unknown>;
}

export interface JobRecordView extends JobHandle {
  id: string;
  provider: string;
  model: string;
  capability: Capability;
  status: string;
}

/** What a provider gets from the engine. Everything I/O goes through here, so tests pass fakes. */
export interface ProviderContext {
  readonly providerId: string;
  /** This provider's section of the config (`providers.<id>`), already interpolated. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** `providers.<id>.baseUrl`, else the environment's override, else the plugin's default. */
  readonly baseUrl: string;
  /** Reads the key lazily; throws MissingKeyError naming the env var when there is none. */
  apiKey(): string;
  /** The key when present, undefined otherwise (for providers where a key is optional). */
  optionalApiKey(): string | undefined;
  readonly http: Http;
  readonly signal: AbortSignal;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory for temp files; everything under it is removed on exit, even on Ctrl-C. */
  readonly tempDir: string;
  progress(event: ProgressEvent): void;
  warn(message: string): void;
  debug(message: string): void;
  /** Record a submitted remote job before waiting on it (journal), and update it as it moves. */
  jobSubmitted(handle: JobHandle): Promise<void>;
  jobUpdated(status: string, extra?: Record<string, unknown>): Promise<void>;
  /** Upload helper for inputs: open a local input as a stream (never read whole into memory). */
  openInput(input: InputRef): Readable;
  /** Run a local program (argument array, never a shell string). */
  exec(
    file: string,
    args: string[],
    options?: { input?: string | Buffer; timeoutMs?: number; /** Each stdout line as it comes (progress parsing). */ onStdoutLine?: (line: string) => void; onStderrLine?: (line: string) => void },
  ): Promise<{ stdout: string; stderr: string }>;
}

export interface DiscoverOptions {
  kind?: Kind;
}

export interface ProviderPlugin {
  apiVersion: typeof PLUGIN_API_VERSION;
  id: string;
  displayName: string;
  type: ProviderType;
  capabilities: Capability[];
  /** Offline catalogue. */
  models: ModelInfo[];
  /** Env var holding the key (`FAL_KEY`); absent for providers that need none. */
  apiKeyEnv?: string;
  /** Env var that overrides the base URL (`OPENAI_BASE_URL`). */
  baseUrlEnv?: string;
  defaultBaseUrl?: string;
  /** Docker service this provider needs (`kokoro`). */
  service?: string;
  /** Whether the provider needs a key at all (false for local tools and most local servers). */
  requiresKey?: boolean;
  /** Hosts besides defaultBaseUrl's that are the provider's own: its key may go there unasked. */
  keyHosts?: string[];
  /** Why it is not usable right now although it has its key (a missing program), or undefined. */
  checkAvailable?(ctx: ProviderContext): Promise<string | undefined>;
  discoverModels?(ctx: ProviderContext, options: DiscoverOptions): Promise<ModelInfo[]>;
  generate(request: GenerateRequest, ctx: ProviderContext): Promise<GenerateResult>;
  /** Pick up a journalled job: poll it and return its result without submitting again. */
  resume?(job: JobRecordView, ctx: ProviderContext): Promise<GenerateResult>;
  cancel?(job: JobRecordView, ctx: ProviderContext): Promise<void>;
}

/** What a plugin module's default export (or `providers` export) may be. */
export interface PluginModule {
  providers: ProviderPlugin[];
}

/** Unused here; re-exported so plugins can type a settings schema later without a breaking change. */
export type ProviderSettings = Record<string, unknown>;

export type { Capability, Kind };
