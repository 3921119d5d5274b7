/**
 * Why a request's signal aborted. Ctrl-C should cancel the remote job (stop paying); a timeout must
 * not (the job may still finish and `jobs resume` picks it up).
 */
export function shouldCancelRemote(signal: AbortSignal): boolean {
  const reason = signal.reason as { code?: string; name?: string } | undefined;
  return !(reason?.code === 'TIMEOUT' || reason?.name === 'TimeoutError');
}

/** Sleep that ends early, rejecting, when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
