/**
 * The Example Images API on the wire (examples/service-example/server.mjs serves it locally):
 *   POST {baseUrl}/images  {prompt, width, height, seed, n}  ->  {id, images: [{url, width, height, seed}]}
 *   POST {baseUrl}/text    {prompt}                          ->  {id, text}
 * Errors: {error: {message}} with a 4xx/5xx status. Auth: `Authorization: Bearer <key>`.
 */

/** Turns the API's error body into one clear line (ctx.http calls this on a non-2xx answer). */
function describeError(status, body) {
  const message = body?.error?.message;
  if (status === 401) return { message: `Example API rejected the key: ${message ?? 'unauthorized'}`, hint: 'check EXAMPLE_IMAGES_KEY' };
  return message ? { message: `Example API: ${message}` } : undefined;
}

async function post(ctx, path, json, signal) {
  const res = await ctx.http.request({
    method: 'POST',
    url: `${ctx.baseUrl}${path}`,
    headers: { authorization: `Bearer ${ctx.apiKey()}` },
    json,
    // A billable create: the engine retries it only when nothing can have been created.
    retry: 'submit',
    signal,
    describeError,
  });
  return res.body;
}

export function createImages(ctx, body, signal) {
  return post(ctx, '/images', body, signal);
}

export function completeText(ctx, body, signal) {
  return post(ctx, '/text', body, signal);
}
