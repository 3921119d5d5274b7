/**
 * OpenAI's error shape `{"error":{"message","type","param","code"}}` (also Together's, and most
 * OpenAI-compatible servers'; FastAPI servers such as Kokoro answer `{"detail":...}`) to one clear line.
 */
export type ErrorDescriber = (status: number, body: unknown) => { message: string; hint?: string } | undefined;

export function openAIErrorDescriber(label: string, keyEnv?: string): ErrorDescriber {
  return (status, body) => {
    const message = errorMessage(body);
    const error = (body as { error?: { code?: unknown; param?: unknown; type?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : typeof error?.type === 'string' ? error.type : undefined;
    const param = typeof error?.param === 'string' ? ` (field ${error.param})` : '';
    if (status === 401 || status === 403) {
      return { message: `${label} refused the key (${status})${message ? `: ${message}` : ''}`, hint: keyEnv ? `check ${keyEnv} (automarket keys list)` : 'check the apiKey in your config' };
    }
    if (code === 'insufficient_quota') return { message: `${label}: ${message ?? 'quota exceeded'}`, hint: 'add credit or raise the limit in your account' };
    if (code === 'content_policy_violation') return { message: `${label} refused the prompt: ${message ?? 'content policy'}`, hint: 'reword the prompt' };
    if (message === undefined) return undefined;
    return {
      message: `${label} error ${status}${code ? ` ${code}` : ''}${param}: ${message}`,
      hint: status === 404 ? 'check the model id (automarket models list)' : status === 400 ? 'fix the option named above; --param sets provider fields' : undefined,
    };
  };
}

function errorMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
  const b = body as { error?: unknown; detail?: unknown; message?: unknown } | undefined;
  if (!b || typeof b !== 'object') return undefined;
  if (typeof b.error === 'string') return b.error;
  const inner = b.error as { message?: unknown } | undefined;
  if (inner && typeof inner.message === 'string') return inner.message;
  if (typeof b.detail === 'string') return b.detail;
  if (Array.isArray(b.detail)) {
    return b.detail.map((d: { loc?: unknown[]; msg?: string }) => `${(d.loc ?? []).filter((p) => p !== 'body').join('.')}: ${d.msg ?? 'invalid'}`).join('; ');
  }
  const detail = b.detail as { message?: unknown } | undefined;
  if (detail && typeof detail.message === 'string') return detail.message;
  if (typeof b.message === 'string') return b.message;
  return undefined;
}

export function authHeaders(key: string | undefined): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}
