/** Public plugin API: `import { defineProvider } from 'automarket/plugin'`. Keep it small and stable. */
export { defineProvider, checkProviderShape, PluginShapeError } from './define.js';
export { PLUGIN_API_VERSION } from './types.js';
export { shouldCancelRemote, sleep } from './abort.js';
export type * from './types.js';
export { KINDS, CAPABILITIES, type Kind, type Capability } from '../kinds.js';
export {
  AutomarketError,
  ProviderError,
  NetworkError,
  InputError,
  UsageError,
  MissingKeyError,
  InterruptedError,
  TimeoutError,
} from '../errors.js';
// The context's HTTP layer (ctx.http) and asset helpers a provider may want.
export { HttpStatusError, type Http, type HttpRequest, type HttpResponse, type HttpStreamResponse } from '../http.js';
export { sniffMediaType, extensionFor, mediaTypeForExtension } from '../assets/sniff.js';
