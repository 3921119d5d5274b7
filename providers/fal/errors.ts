/**
 * fal's error shapes to one clear line: 422 `{"detail":[{"loc":[...],"msg","type"}]}` names the
 * field; infrastructure errors are `{"detail":str,"error_type":str}`.
 */
export function describeFalError(status: number, body: unknown): { message: string; hint?: string } | undefined {
  const detail = (body as { detail?: unknown })?.detail;
  if (Array.isArray(detail) && detail.length) {
    const parts = detail.map((d: { loc?: unknown[]; msg?: string }) => {
      const loc = (d.loc ?? []).filter((p) => p !== 'body').join('.');
      return loc ? `${loc}: ${d.msg ?? 'invalid'}` : d.msg ?? 'invalid';
    });
    return { message: `fal rejected the input (${status}): ${parts.join('; ')}`, hint: 'fix the field named above (flags map to fal inputs; --param sets any other field)' };
  }
  if (typeof detail === 'string') {
    const type = (body as { error_type?: string }).error_type;
    return { message: `fal error ${status}${type ? ` (${type})` : ''}: ${detail}` };
  }
  if (status === 401 || status === 403) return { message: `fal refused the key (${status})`, hint: 'check FAL_KEY (automarket keys list)' };
  return undefined;
}
