import path from 'node:path';
import { planOutput, renderTemplate, slugify, targetPath } from '../../src/assets/naming.js';

const vars = { kind: 'image', ext: 'png', index: 1, prompt: 'A Lighthouse at Dusk!', provider: 'fal', model: 'fal-ai/flux/schnell', date: new Date(2026, 10, 24, 9, 5, 7) };

describe('output naming', () => {
  test('slugify keeps ascii words', () => {
    expect(slugify('A Lighthouse at Dusk! Crème brûlée')).toBe('a-lighthouse-at-dusk-creme-brulee');
  });

  test('the default template', () => {
    expect(renderTemplate('{kind}-{date}-{slug}-{index}.{ext}', vars)).toBe('image-20261124-a-lighthouse-at-dusk-1.png');
  });

  test('a model id with slashes stays one path segment', () => {
    expect(renderTemplate('{model}.{ext}', vars)).toBe('fal-ai_flux_schnell.png');
  });

  test('a prompt cannot climb out of the output directory', () => {
    const target = { mode: 'dir' as const, dir: '/out', template: '{slug}/{model}.{ext}' };
    const p = targetPath(target, { ...vars, prompt: '../../etc/passwd', model: '../../x' }, 1);
    expect(p.startsWith('/out' + path.sep)).toBe(true);
  });

  test('a template with .. is refused', () => {
    expect(() => renderTemplate('../{slug}.{ext}', vars)).toThrow(/\.\./);
  });

  test('-o resolution', () => {
    const isDir = (p: string) => p === '/work/existing';
    expect(planOutput('-', '/work', undefined, undefined, isDir)).toEqual({ mode: 'stdout' });
    expect(planOutput('existing', '/work', undefined, undefined, isDir)).toMatchObject({ mode: 'dir', dir: '/work/existing' });
    expect(planOutput('new/', '/work', undefined, undefined, isDir)).toMatchObject({ mode: 'dir', dir: '/work/new' });
    expect(planOutput('a.png', '/work', undefined, undefined, isDir)).toEqual({ mode: 'file', path: '/work/a.png' });
    expect(planOutput(undefined, '/work', 'media', undefined, isDir)).toMatchObject({ mode: 'dir', dir: '/work/media' });
  });

  test('a file target with count > 1 gets numbered', () => {
    expect(targetPath({ mode: 'file', path: '/w/a.png' }, vars, 1)).toBe('/w/a.png');
    expect(targetPath({ mode: 'file', path: '/w/a.png' }, { ...vars, index: 2 }, 3)).toBe('/w/a-2.png');
  });
});
