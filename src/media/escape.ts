/**
 * Escaping for values embedded in an ffmpeg filter graph (the subtitles filter takes a file name).
 * Two levels (ffmpeg-filters "Notes on filtergraph escaping"): the option value is single-quoted
 * (a quote inside becomes '\''), then the whole string is backslash-escaped for the graph parser,
 * which treats \ ' [ ] , ; as special. Arguments themselves always go to execa as an array.
 */
export function quoteFilterValue(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function escapeForGraph(text: string): string {
  return text.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** A filter option value, ready to sit in a filter graph: `subtitles=filename=${filterArg(path)}`. */
export function filterArg(value: string): string {
  return escapeForGraph(quoteFilterValue(value));
}

/** A line of an ffconcat list: `file '<path>'`, with quotes in the name escaped the same way. */
export function concatListLine(file: string): string {
  if (/[\r\n]/.test(file)) throw new Error('a file name with a line break cannot go in a concat list');
  return `file ${quoteFilterValue(file)}`;
}
