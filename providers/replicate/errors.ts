/**
 * Replicate's error shapes to one clear line: RFC 7807 problem details
 * (`{"title","detail","status","invalid_fields"?}`), or older `{"detail":"..."}` bodies.
 */
export function describeReplicateError(status: number, body: unknown): { message: string; hint?: string } | undefined {
  if (!body || typeof body !== 'object') {
    if (status === 401 || status === 403) return { message: `Replicate refused the token (${status})`, hint: 'check REPLICATE_API_TOKEN (automarket keys list)' };
    return undefined;
  }
  const b = body as { title?: string; detail?: unknown; invalid_fields?: Array<{ field?: string; description?: string }>; validation?: Array<{ location?: string[]; message?: string }> };
  const parts: string[] = [];
  if (typeof b.detail === 'string' && b.detail.trim()) parts.push(b.detail.trim());
  else if (b.title) parts.push(b.title);
  for (const f of b.invalid_fields ?? []) parts.push(`${f.field ?? '?'}: ${f.description ?? 'invalid'}`);
  // Prism (and other validating proxies) list the broken fields under `validation`.
  for (const v of b.validation ?? []) parts.push(`${(v.location ?? []).join('.')}: ${v.message ?? 'invalid'}`);
  if (parts.length === 0) return undefined;
  const message = `Replicate ${status === 422 ? 'rejected the input' : 'error'} (${status}): ${parts.join('; ').replace(/\s+/g, ' ').slice(0, 400)}`;
  if (status === 401 || status === 403) return { message, hint: 'check REPLICATE_API_TOKEN (automarket keys list)' };
  if (status === 404) return { message, hint: 'check the model name (automarket models discover replicate); non-official models need owner/name:version' };
  if (status === 422) return { message, hint: "fix the field named above (see the model's API page; --param sets any input)" };
  if (status === 429) return { message, hint: 'rate limited: wait a moment and try again' };
  return { message };
}
