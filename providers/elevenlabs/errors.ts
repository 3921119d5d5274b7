/**
 * ElevenLabs' error shapes: 422 `{"detail":[{loc,msg,type}]}` (FastAPI validation) and
 * `{"detail":{"status","message"}}` for auth, quota and unknown voices.
 */
export function describeElevenLabsError(status: number, body: unknown): { message: string; hint?: string } | undefined {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  let text: string | undefined;
  let code: string | undefined;
  if (Array.isArray(detail)) {
    text = detail
      .map((d: { loc?: unknown[]; msg?: string }) => {
        const loc = (d.loc ?? []).filter((p) => p !== 'body').join('.');
        return loc ? `${loc}: ${d.msg ?? 'invalid'}` : (d.msg ?? 'invalid');
      })
      .join('; ');
  } else if (detail && typeof detail === 'object') {
    const d = detail as { status?: string; message?: string };
    text = d.message;
    code = d.status;
  } else if (typeof detail === 'string') text = detail;
  if (!text) {
    if (status === 401 || status === 403) return { message: `ElevenLabs refused the key (${status})`, hint: 'check ELEVENLABS_API_KEY (automarket keys list)' };
    return undefined;
  }
  const message = `ElevenLabs ${status === 422 ? 'rejected the request' : 'error'} (${status}${code ? `, ${code}` : ''}): ${text}`;
  if (status === 401 || status === 403 || code === 'invalid_api_key') return { message, hint: 'check ELEVENLABS_API_KEY (automarket keys list)' };
  if (code === 'quota_exceeded') return { message, hint: 'your ElevenLabs character quota is used up; upgrade the plan or wait for the reset' };
  if (code === 'voice_not_found' || (status === 404 && /voice/i.test(text))) return { message, hint: 'list your voices with `automarket models discover elevenlabs`' };
  return { message };
}
