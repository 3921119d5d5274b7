/** What the OpenAI protocol modules need, so OpenAI, Together and any OpenAI-compatible server share them. */
import type { ModelInfo, ProviderContext } from '../../src/plugin/types.js';
import type { ErrorDescriber } from './errors.js';

export interface Endpoint {
  ctx: ProviderContext;
  /** Base URL including the API version (`https://api.openai.com/v1`), no trailing slash. */
  baseUrl: string;
  key?: string;
  /** Name used in messages ("OpenAI", "kokoro"). */
  label: string;
  describeError: ErrorDescriber;
  /** Offline catalogue, to know which models the engine already checks options for. */
  catalogue: ModelInfo[];
  /** Whether OpenAI's per-model rules apply (false on other servers, which take what they take). */
  openaiRules: boolean;
}
