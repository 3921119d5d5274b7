/**
 * What `compose` is asked to build, from flags (the common case) or a JSON spec file (the full one),
 * checked and with every path made absolute. Flags given with a spec override its fields.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { parseNumberInRange, parseSize } from '../generate/options.js';
import type { Size } from '../media/filters.js';

export const CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type Corner = (typeof CORNERS)[number];

export interface ClipSpec {
  path: string;
  /** Seconds into the clip to start from. */
  start?: number;
  /** Seconds into the clip to stop at. */
  end?: number;
  /** How long a still image is shown (default 3 s), or how long to keep of a clip. */
  duration?: number;
}

export interface AudioSpec {
  path: string;
  /** Gain on the bed: 1 as is, 0.3 quieter. */
  volume: number;
  /** Loop a short bed to fill the video (else pad it with silence). */
  loop: boolean;
  /** mix: the bed goes under the clips' own sound; replace: the clips' sound is dropped. */
  mode: 'mix' | 'replace';
}

export interface OverlaySpec {
  path: string;
  corner: Corner;
  opacity: number;
  /** Pixels between the overlay and the frame's edges. */
  margin: number;
  /** Width in pixels to scale the overlay to (height follows). */
  width?: number;
}

export interface CaptionsSpec {
  path: string;
  fontSize?: number;
}

export interface ComposeSpec {
  clips: ClipSpec[];
  size?: Size;
  fps?: number;
  audio?: AudioSpec;
  overlay?: OverlaySpec;
  captions?: CaptionsSpec;
  output?: string;
}

export interface ComposeFlags {
  output?: string;
  audio?: string;
  audioVolume?: string;
  replaceAudio?: boolean;
  loop?: boolean;
  overlay?: string;
  overlayCorner?: string;
  overlayOpacity?: string;
  overlayWidth?: string;
  overlayMargin?: string;
  captions?: string;
  fontSize?: string;
  size?: string;
  fps?: string;
  json?: boolean;
  dryRun?: boolean;
  force?: boolean;
  quiet?: boolean;
}

/** Positional arguments are clips, except one `.json` file, which is the spec. */
export async function buildSpec(args: string[], flags: ComposeFlags, cwd: string): Promise<ComposeSpec> {
  const specFiles = args.filter((a) => a.toLowerCase().endsWith('.json'));
  if (specFiles.length > 1) throw new UsageError('compose takes one JSON spec file', { hint: `got ${specFiles.join(', ')}` });
  const base = specFiles[0] ? await readSpecFile(path.resolve(cwd, specFiles[0])) : { clips: [] };
  const clips = [...base.clips, ...args.filter((a) => !a.toLowerCase().endsWith('.json')).map((a) => ({ path: path.resolve(cwd, a) }))];
  if (clips.length === 0) throw new UsageError('compose needs at least one clip', { hint: 'automarket compose a.mp4 b.mp4 -o out.mp4 (or a spec.json)' });
  const spec: ComposeSpec = { ...base, clips };
  if (flags.size !== undefined) spec.size = parseSize(flags.size);
  if (flags.fps !== undefined) spec.fps = parseNumberInRange('--fps', flags.fps, 1, 120, 30);
  if (flags.output !== undefined) spec.output = path.resolve(cwd, flags.output);
  if (flags.audio !== undefined) {
    const file = path.resolve(cwd, flags.audio);
    spec.audio = spec.audio ? { ...spec.audio, path: file } : { path: file, volume: 1, loop: true, mode: 'mix' };
  }
  if (spec.audio) {
    if (flags.audioVolume !== undefined) spec.audio.volume = parseNumberInRange('--audio-volume', flags.audioVolume, 0, 10, 0.5);
    if (flags.replaceAudio) spec.audio.mode = 'replace';
    if (flags.loop === false) spec.audio.loop = false;
  } else if (flags.audioVolume !== undefined || flags.replaceAudio || flags.loop === false) {
    throw new UsageError('--audio-volume, --replace-audio and --no-loop need --audio <file>');
  }
  if (flags.overlay !== undefined) {
    const file = path.resolve(cwd, flags.overlay);
    spec.overlay = spec.overlay ? { ...spec.overlay, path: file } : { path: file, corner: 'top-right', opacity: 1, margin: 16 };
  }
  if (spec.overlay) {
    if (flags.overlayCorner !== undefined) spec.overlay.corner = corner(flags.overlayCorner, '--overlay-corner');
    if (flags.overlayOpacity !== undefined) spec.overlay.opacity = parseNumberInRange('--overlay-opacity', flags.overlayOpacity, 0, 1, 0.8);
    if (flags.overlayWidth !== undefined) spec.overlay.width = Math.round(parseNumberInRange('--overlay-width', flags.overlayWidth, 2, 16384, 320));
    if (flags.overlayMargin !== undefined) spec.overlay.margin = Math.round(parseNumberInRange('--overlay-margin', flags.overlayMargin, 0, 16384, 16));
  } else if ([flags.overlayCorner, flags.overlayOpacity, flags.overlayWidth, flags.overlayMargin].some((v) => v !== undefined)) {
    throw new UsageError('--overlay-corner, --overlay-opacity, --overlay-width and --overlay-margin need --overlay <image>');
  }
  if (flags.captions !== undefined) spec.captions = { ...spec.captions, path: path.resolve(cwd, flags.captions) };
  if (flags.fontSize !== undefined) {
    if (!spec.captions) throw new UsageError('--font-size needs --captions <file.srt|file.vtt>');
    spec.captions.fontSize = parseNumberInRange('--font-size', flags.fontSize, 4, 400, 32);
  }
  if (!spec.output) throw new UsageError('compose needs an output file', { hint: 'add -o out.mp4 (or "output" in the spec)' });
  return spec;
}

async function readSpecFile(file: string): Promise<ComposeSpec> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(`Spec file not found: ${file}`, { hint: 'check the path of the .json spec' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path.basename(file)} is not valid JSON: ${(err as Error).message}`, { hint: 'fix the spec file' });
  }
  return parseSpec(raw, path.dirname(file), path.basename(file));
}

/** Checks a spec object; relative paths are relative to the spec file's directory. */
export function parseSpec(raw: unknown, dir: string, name = 'spec'): ComposeSpec {
  const bad = (where: string, what: string): never => {
    throw new InputError(`${name}: ${where} ${what}`, { hint: 'see "compose" in the README for the spec format' });
  };
  if (!isObject(raw)) return bad('the top level', 'must be an object');
  const known = ['clips', 'size', 'fps', 'audio', 'overlay', 'captions', 'output'];
  for (const key of Object.keys(raw)) if (!known.includes(key)) bad(key, `is not a spec field (known: ${known.join(', ')})`);
  const file = (where: string, value: unknown): string => (typeof value === 'string' && value.trim() ? path.resolve(dir, value) : bad(where, 'must be a file path'));
  const number = (where: string, value: unknown, min: number, max: number): number =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : bad(where, `must be a number from ${min} to ${max}`);
  if (!Array.isArray(raw.clips)) bad('clips', 'must be a list of files or {"path", "start", "end", "duration"}');
  const clips = (raw.clips as unknown[]).map((c, i): ClipSpec => {
    const where = `clips[${i}]`;
    if (typeof c === 'string') return { path: file(where, c) };
    if (!isObject(c)) return bad(where, 'must be a file path or an object');
    const clip: ClipSpec = { path: file(`${where}.path`, c.path) };
    if (c.start !== undefined) clip.start = number(`${where}.start`, c.start, 0, 1e6);
    if (c.end !== undefined) clip.end = number(`${where}.end`, c.end, 0, 1e6);
    if (c.duration !== undefined) clip.duration = number(`${where}.duration`, c.duration, 0.04, 1e6);
    if (clip.end !== undefined && clip.end <= (clip.start ?? 0)) bad(`${where}.end`, 'must be after start');
    return clip;
  });
  const spec: ComposeSpec = { clips };
  if (raw.size !== undefined) {
    if (typeof raw.size !== 'string') bad('size', 'must be "WIDTHxHEIGHT"');
    spec.size = parseSize(raw.size as string);
  }
  if (raw.fps !== undefined) spec.fps = number('fps', raw.fps, 1, 120);
  if (raw.output !== undefined) spec.output = file('output', raw.output);
  if (raw.audio !== undefined) {
    const a = typeof raw.audio === 'string' ? { path: raw.audio } : raw.audio;
    if (!isObject(a)) return bad('audio', 'must be a file path or {"path", "volume", "loop", "mode"}');
    spec.audio = { path: file('audio.path', a.path), volume: 1, loop: true, mode: 'mix' };
    if (a.volume !== undefined) spec.audio.volume = number('audio.volume', a.volume, 0, 10);
    if (a.loop !== undefined) spec.audio.loop = typeof a.loop === 'boolean' ? a.loop : bad('audio.loop', 'must be true or false');
    if (a.mode !== undefined) spec.audio.mode = a.mode === 'mix' || a.mode === 'replace' ? a.mode : bad('audio.mode', 'must be "mix" or "replace"');
  }
  if (raw.overlay !== undefined) {
    const o = typeof raw.overlay === 'string' ? { path: raw.overlay } : raw.overlay;
    if (!isObject(o)) return bad('overlay', 'must be a file path or {"path", "corner", "opacity", "margin", "width"}');
    spec.overlay = { path: file('overlay.path', o.path), corner: 'top-right', opacity: 1, margin: 16 };
    if (o.corner !== undefined) spec.overlay.corner = typeof o.corner === 'string' ? corner(o.corner, `${name}: overlay.corner`) : bad('overlay.corner', `must be one of ${CORNERS.join(', ')}`);
    if (o.opacity !== undefined) spec.overlay.opacity = number('overlay.opacity', o.opacity, 0, 1);
    if (o.margin !== undefined) spec.overlay.margin = Math.round(number('overlay.margin', o.margin, 0, 16384));
    if (o.width !== undefined) spec.overlay.width = Math.round(number('overlay.width', o.width, 2, 16384));
  }
  if (raw.captions !== undefined) {
    const c = typeof raw.captions === 'string' ? { path: raw.captions } : raw.captions;
    if (!isObject(c)) return bad('captions', 'must be a file path or {"path", "fontSize"}');
    spec.captions = { path: file('captions.path', c.path) };
    if (c.fontSize !== undefined) spec.captions.fontSize = number('captions.fontSize', c.fontSize, 4, 400);
  }
  return spec;
}

function corner(value: string, flag: string): Corner {
  const short: Record<string, Corner> = { tl: 'top-left', tr: 'top-right', bl: 'bottom-left', br: 'bottom-right' };
  const v = value.trim().toLowerCase();
  const c = short[v] ?? v;
  if (!(CORNERS as readonly string[]).includes(c)) throw new UsageError(`Bad ${flag} "${value}"`, { hint: `use one of ${CORNERS.join(', ')} (or tl, tr, bl, br)` });
  return c as Corner;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
