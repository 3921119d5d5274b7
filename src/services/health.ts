/**
 * One look at a service's health URL. "Listening" is kept apart from "healthy": something that
 * answers 404 or resets the connection holds the port, which matters before a start (port taken).
 */
import { errorCode, HttpStatusError, type Http } from '../http.js';
import { InterruptedError } from '../errors.js';

export interface Probe {
  healthy: boolean;
  /** Something accepted the connection (any HTTP answer counts). */
  listening: boolean;
  status?: number;
  error?: string;
}

export async function probe(http: Http, url: string, timeoutMs = 3000, signal?: AbortSignal): Promise<Probe> {
  try {
    const res = await http.request({ url, method: 'GET', responseType: 'text', retry: 'none', timeoutMs, signal });
    return { healthy: true, listening: true, status: res.status };
  } catch (err) {
    if (err instanceof InterruptedError) throw err;
    if (err instanceof HttpStatusError) return { healthy: false, listening: true, status: err.statusCode, error: err.message };
    const cause = (err as { cause?: unknown }).cause ?? err;
    const code = errorCode(cause);
    const listening = code !== undefined && code !== 'ECONNREFUSED' && code !== 'ENOTFOUND' && code !== 'EAI_AGAIN' && code !== 'ETIMEDOUT' && code !== 'EHOSTUNREACH' && code !== 'ENETUNREACH';
    return { healthy: false, listening, error: (err as Error).message };
  }
}

/** True for URLs on this machine: only there can a port clash be checked before starting. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
