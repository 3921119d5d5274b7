/** Which hosts a key may go to without asking: the provider's own hosts and this machine's loopback. */

/** The canonical loopback names only: other 127/8 addresses are unusual enough to ask about. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export function isLoopback(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** A provider's own hosts: its default base URL's host plus any it lists (fal's storage host). */
export function isProviderHost(url: string, manifest: { defaultBaseUrl?: string; keyHosts?: string[] }): boolean {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return false;
    host = u.host.toLowerCase();
  } catch {
    return false;
  }
  const own = new Set((manifest.keyHosts ?? []).map((h) => h.toLowerCase()));
  if (manifest.defaultBaseUrl) {
    try {
      own.add(new URL(manifest.defaultBaseUrl).host.toLowerCase());
    } catch {
      /* a bad default is the plugin's bug; trust nothing extra */
    }
  }
  return own.has(host);
}
