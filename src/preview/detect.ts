/**
 * Which inline-image protocol the terminal speaks, from what terminals announce in the
 * environment. Unknown terminals get nothing: a preview must never print garbage.
 * AUTOMARKET_PREVIEW=kitty|iterm|sixel|none overrides (for terminals we cannot recognise).
 */
export type PreviewProtocol = 'kitty' | 'iterm' | 'sixel';

export function detectPreviewProtocol(env: Readonly<Record<string, string | undefined>>): PreviewProtocol | undefined {
  const forced = env.AUTOMARKET_PREVIEW?.toLowerCase();
  if (forced === 'kitty' || forced === 'iterm' || forced === 'sixel') return forced;
  if (forced === 'none' || forced === 'off') return undefined;
  // tmux and screen swallow image escapes unless passthrough is set up; stay quiet there.
  if (env.TMUX || env.STY) return undefined;
  const term = env.TERM ?? '';
  const program = env.TERM_PROGRAM ?? '';
  if (env.KITTY_WINDOW_ID || term === 'xterm-kitty' || term === 'xterm-ghostty' || program === 'ghostty') return 'kitty';
  if (program === 'iTerm.app' || program === 'WezTerm' || env.LC_TERMINAL === 'iTerm2' || program === 'mintty') return 'iterm';
  if (/sixel/.test(term) || term === 'mlterm' || term.startsWith('foot') || program === 'konsole' || env.KONSOLE_VERSION) return 'sixel';
  return undefined;
}
