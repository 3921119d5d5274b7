/**
 * The programmatic API (package export "."): run the CLI in-process with your own streams, env and
 * signal, or build the commander program to embed it. Provider authors import `automarket/plugin`.
 *
 *   import { run } from 'automarket';
 *   const code = await run(['generate', 'image', 'a fox', '--json'], { io: process, env: process.env, cwd: process.cwd(), signal });
 *
 * Or, for many generations from one script, a client that sets up once (src/client.ts):
 *
 *   const am = createClient();
 *   const [asset] = await am.generate({ kind: 'image', prompt: 'a fox', provider: 'fal' });
 */
export { run, type RunOptions } from './run.js';
export { createClient, type AutomarketClient, type ClientOptions, type GenerateOptions } from './client.js';
export { buildProgram } from './cli.js';
export type { RunEnvironment } from './command-runner.js';
export type { Io, GlobalOptions } from './context.js';
export type { AutomarketConfig, ProviderConfig, ServiceConfig, LoadedConfig } from './config/types.js';
export type { AssetLine, GenerateFlags } from './generate/run-generate.js';
export { VERSION } from './version.js';
export {
  AutomarketError,
  UsageError,
  ConfigError,
  InputError,
  MissingKeyError,
  ProviderError,
  NetworkError,
  ServiceError,
  TimeoutError,
  InterruptedError,
  type ExitCode,
} from './errors.js';
export { KINDS, CAPABILITIES, type Kind, type Capability } from './kinds.js';
export { defineProvider, PLUGIN_API_VERSION } from './plugin/index.js';
export type * from './plugin/types.js';
