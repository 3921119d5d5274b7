/** One argument as a POSIX shell reads it back: bare when it is safe, else in single quotes (a quote inside becomes '\''). */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
