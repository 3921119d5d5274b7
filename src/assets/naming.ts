/**
 * Output paths: where each asset goes. A template never escapes the output directory: every value
 * put into it is reduced to a safe file-name fragment, and the result is checked to stay inside.
 */
import path from 'node:path';
import { InputError } from '../errors.js';

export const DEFAULT_TEMPLATE = '{kind}-{date}-{slug}-{index}.{ext}';
export const DEFAULT_OUTPUT_DIR = 'automarket-output';

export type OutputTarget =
  | { mode: 'stdout' }
  | { mode: 'file'; path: string }
  | { mode: 'dir'; dir: string; template: string };

export interface NameVars {
  kind: string;
  ext: string;
  index: number;
  prompt: string;
  provider: string;
  model: string;
  seed?: number;
  id?: string;
  date: Date;
}

/** `-o` to a target: "-" is stdout, an existing directory or a path ending in / is a directory, else a file. */
export function planOutput(output: string | undefined, cwd: string, configDir: string | undefined, template: string | undefined, isDirectory: (p: string) => boolean): OutputTarget {
  const tmpl = template ?? DEFAULT_TEMPLATE;
  if (output === '-') return { mode: 'stdout' };
  if (output === undefined || output === '') {
    return { mode: 'dir', dir: path.resolve(cwd, configDir ?? DEFAULT_OUTPUT_DIR), template: tmpl };
  }
  const resolved = path.resolve(cwd, output);
  if (/[\\/]$/.test(output) || isDirectory(resolved)) return { mode: 'dir', dir: resolved, template: tmpl };
  return { mode: 'file', path: resolved };
}

/** The path for asset `vars.index` (1-based) of `count`. */
export function targetPath(target: Exclude<OutputTarget, { mode: 'stdout' }>, vars: NameVars, count: number): string {
  if (target.mode === 'file') {
    if (count <= 1) return target.path;
    const ext = path.extname(target.path);
    return `${target.path.slice(0, target.path.length - ext.length)}-${vars.index}${ext}`;
  }
  const name = renderTemplate(target.template, vars);
  const full = path.resolve(target.dir, name);
  const rel = path.relative(target.dir, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new InputError(`The file name template would write outside ${target.dir}: ${name}`, {
      hint: 'fix output.filename in your config',
    });
  }
  return full;
}

export function renderTemplate(template: string, vars: NameVars): string {
  const d = vars.date;
  const pad = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string> = {
    kind: vars.kind,
    ext: vars.ext,
    index: String(vars.index),
    slug: slugify(vars.prompt) || vars.kind,
    provider: vars.provider,
    model: vars.model,
    seed: vars.seed === undefined ? 'noseed' : String(vars.seed),
    id: vars.id ?? '',
    date: `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`,
    time: `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`,
  };
  const rendered = template.replace(/\{([a-z]+)\}/g, (whole, key: string) => (key in values ? safeFragment(values[key]!) : whole));
  // Directories in the template itself are allowed ("{provider}/{slug}.{ext}"), but no part may be ".." or empty.
  const parts = rendered.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) throw new InputError(`The file name template contains "..": ${template}`, { hint: 'fix output.filename in your config' });
  return parts.join(path.sep);
}

/** A prompt as a short file-name slug: lowercase ascii words joined by dashes. */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

/** A value that can only ever be one path segment. */
function safeFragment(value: string): string {
  const cleaned = value.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 120) || '_';
}
