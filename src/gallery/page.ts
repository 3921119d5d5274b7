/**
 * The gallery page: plain HTML, CSS and a small script, served as they are (no build step, no
 * network, nothing fetched from elsewhere). The script avoids template literals so it can live in
 * this TypeScript string unchanged.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>automarket gallery</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header>
  <h1>automarket gallery</h1>
  <form id="filters" role="search" aria-label="Filter assets">
    <label>Search prompts <input id="q" type="search" placeholder="press / to search" autocomplete="off"></label>
    <label>Kind <select id="kind"><option value="">all</option></select></label>
    <label>Provider <select id="provider"><option value="">all</option></select></label>
    <label>Model <select id="model"><option value="">all</option></select></label>
  </form>
  <nav aria-label="Views">
    <button type="button" id="view-grid" aria-pressed="true">Grid</button>
    <button type="button" id="view-compare" aria-pressed="false">Compare models</button>
  </nav>
  <p id="count" role="status" aria-live="polite"></p>
</header>
<main>
  <ul id="grid" class="grid" aria-label="Assets"></ul>
  <div id="compare" hidden></div>
  <p id="empty" hidden>Nothing here yet. Make something: <code>automarket generate image "a lighthouse at dusk"</code></p>
</main>
<dialog id="detail" aria-label="Asset">
  <div id="detail-body"></div>
  <form method="dialog"><button type="submit">Close</button></form>
</dialog>
<script src="/app.js" type="module"></script>
</body>
</html>
`;

export const PAGE_CSS = `
:root { color-scheme: light dark; --gap: 12px; --card: #f6f6f7; --fg: #1b1b1f; --muted: #5d5d66; --accent: #2456d6; }
@media (prefers-color-scheme: dark) { :root { --card: #1f2024; --fg: #ececf0; --muted: #a4a4ad; --accent: #7aa2ff; } body { background: #121316; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--fg); }
header { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: var(--gap); align-items: end; padding: var(--gap); background: Canvas; border-bottom: 1px solid #8884; }
h1 { font-size: 1.1rem; margin: 0 auto 0 0; align-self: center; }
form#filters { display: flex; flex-wrap: wrap; gap: 8px; }
label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
input, select, button { font: inherit; padding: 4px 8px; }
nav button[aria-pressed="true"] { font-weight: 600; outline: 2px solid var(--accent); }
#count { margin: 0; font-size: .85rem; color: var(--muted); width: 100%; }
main { padding: var(--gap); }
.grid { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--gap); grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
.card { background: var(--card); border-radius: 8px; padding: 8px; height: 100%; display: flex; flex-direction: column; gap: 6px; }
.card:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.media img, .media video { width: 100%; height: auto; max-height: 320px; object-fit: contain; display: block; background: #0002; border-radius: 4px; }
.media audio { width: 100%; }
.media pre { max-height: 200px; overflow: auto; white-space: pre-wrap; margin: 0; font-size: .8rem; }
.prompt { margin: 0; overflow-wrap: anywhere; }
.meta { margin: 0; font-size: .8rem; color: var(--muted); }
.path { font-size: .75rem; overflow-wrap: anywhere; color: var(--muted); }
.copy { align-self: start; }
.group { margin-bottom: calc(var(--gap) * 2); }
.group h2 { font-size: 1rem; margin: 0 0 8px; overflow-wrap: anywhere; }
.row { display: grid; gap: var(--gap); grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); }
.row figure { margin: 0; background: var(--card); border-radius: 8px; padding: 8px; }
.row figcaption { font-weight: 600; font-size: .85rem; margin-top: 4px; }
dialog { max-width: min(96vw, 1100px); }
dialog img, dialog video { max-width: 100%; max-height: 80vh; }
@media (max-width: 480px) { header { position: static; } .grid { grid-template-columns: 1fr; } h1 { width: 100%; } }
`;

export const PAGE_JS = `
const state = { assets: [], view: 'grid' };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children || []) if (c) node.append(c);
  return node;
}

function media(asset, large) {
  const box = el('div', { class: 'media' });
  if (asset.kind === 'image') box.append(el('img', { src: asset.url, alt: asset.prompt || asset.path, loading: large ? 'eager' : 'lazy', width: asset.width, height: asset.height }));
  else if (asset.kind === 'video') box.append(el('video', { src: asset.url, controls: true, preload: 'metadata', muted: !large, 'aria-label': asset.prompt || asset.path }));
  else if (asset.kind === 'audio') box.append(el('audio', { src: asset.url, controls: true, preload: 'metadata', 'aria-label': asset.prompt || asset.path }));
  else {
    const pre = el('pre', { text: '…' });
    fetch(asset.url).then((r) => r.text()).then((t) => { pre.textContent = t.length > 4000 ? t.slice(0, 4000) + '…' : t; });
    box.append(pre);
  }
  return box;
}

function metaLine(a) {
  const parts = [a.provider, a.model];
  if (a.seed !== undefined) parts.push('seed ' + a.seed);
  if (a.width && a.height) parts.push(a.width + '×' + a.height);
  if (a.durationSeconds) parts.push(a.durationSeconds.toFixed(1) + ' s');
  if (a.costUsd !== undefined) parts.push('$' + a.costUsd.toFixed(4));
  if (a.elapsedMs !== undefined) parts.push((a.elapsedMs / 1000).toFixed(1) + ' s to make');
  if (a.createdAt) parts.push(new Date(a.createdAt).toLocaleString());
  return parts.filter(Boolean).join(' · ');
}

function copyButton(a) {
  if (!a.command) return null;
  const button = el('button', { type: 'button', class: 'copy', 'data-command': a.command, title: a.command, text: 'Copy command' });
  button.addEventListener('click', async (event) => {
    event.stopPropagation();
    try { await navigator.clipboard.writeText(a.command); button.textContent = 'Copied'; }
    catch { window.prompt('Copy this command:', a.command); }
    $('count').textContent = 'Command copied: ' + a.command;
    setTimeout(() => { button.textContent = 'Copy command'; }, 1500);
  });
  return button;
}

function card(a) {
  const article = el('article', { class: 'card', tabindex: '0', 'data-id': a.id, 'data-kind': a.kind, 'aria-label': a.kind + ': ' + (a.prompt || a.path) }, [
    media(a, false),
    a.prompt ? el('p', { class: 'prompt', text: a.prompt }) : null,
    el('p', { class: 'meta', text: metaLine(a) }),
    el('code', { class: 'path', text: a.path }),
    copyButton(a),
  ]);
  article.addEventListener('keydown', (e) => { if ((e.key === 'Enter' || e.key === ' ') && e.target === article) { e.preventDefault(); openDetail(a); } });
  article.addEventListener('dblclick', () => openDetail(a));
  return el('li', {}, [article]);
}

function openDetail(a) {
  const body = $('detail-body');
  body.replaceChildren(media(a, true), el('p', { class: 'prompt', text: a.prompt || '' }), el('p', { class: 'meta', text: metaLine(a) }), el('code', { class: 'path', text: a.path }), copyButton(a));
  $('detail').showModal();
}

function filtered() {
  const q = $('q').value.trim().toLowerCase();
  const kind = $('kind').value, provider = $('provider').value, model = $('model').value;
  return state.assets.filter((a) => (!kind || a.kind === kind) && (!provider || a.provider === provider) && (!model || a.model === model) && (!q || (a.prompt || '').toLowerCase().includes(q)));
}

/** One prompt (or one -m a,b,c request, or one batch) across several models. */
function groups(assets) {
  const byKey = new Map();
  for (const a of assets) {
    const key = a.group || (a.prompt ? 'prompt:' + a.prompt : null);
    if (!key) continue;
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(a);
  }
  return [...byKey.values()].filter((list) => new Set(list.map((a) => a.provider + ':' + a.model)).size > 1);
}

function render() {
  const list = filtered();
  const compare = state.view === 'compare';
  $('grid').hidden = compare;
  $('compare').hidden = !compare;
  if (compare) {
    const gs = groups(list);
    $('compare').replaceChildren(...gs.map((g) => el('section', { class: 'group', 'aria-label': 'Comparison: ' + (g[0].prompt || '') }, [
      el('h2', { text: g[0].prompt || g[0].group }),
      el('div', { class: 'row' }, g.slice().sort((x, y) => (x.provider + x.model).localeCompare(y.provider + y.model)).map((a) =>
        el('figure', { 'data-model': a.provider + ':' + a.model, 'data-id': a.id }, [media(a, false), el('figcaption', { text: a.provider + ':' + a.model }), copyButton(a)]))),
    ])));
    $('count').textContent = gs.length + (gs.length === 1 ? ' comparison' : ' comparisons');
  } else {
    $('grid').replaceChildren(...list.map(card));
    $('count').textContent = list.length + ' of ' + state.assets.length + ' assets';
  }
  $('empty').hidden = state.assets.length > 0;
}

function fillSelect(id, values) {
  const select = $(id);
  for (const v of [...new Set(values.filter(Boolean))].sort()) select.append(el('option', { value: v, text: v }));
}

function setView(view) {
  state.view = view;
  $('view-grid').setAttribute('aria-pressed', String(view === 'grid'));
  $('view-compare').setAttribute('aria-pressed', String(view === 'compare'));
  render();
}

/** Arrow keys move between cards in reading order, row by row. */
function moveFocus(e) {
  const cards = [...document.querySelectorAll('#grid .card')];
  const i = cards.indexOf(document.activeElement);
  if (i < 0) return;
  const columns = Math.max(1, cards.filter((c) => c.offsetTop === cards[0].offsetTop).length);
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -i, End: cards.length - 1 - i }[e.key];
  if (step === undefined) return;
  e.preventDefault();
  const next = cards[Math.min(cards.length - 1, Math.max(0, i + step))];
  next.focus();
  next.scrollIntoView({ block: 'nearest' });
}

async function main() {
  state.assets = await (await fetch('/api/assets')).json();
  fillSelect('kind', state.assets.map((a) => a.kind));
  fillSelect('provider', state.assets.map((a) => a.provider));
  fillSelect('model', state.assets.map((a) => a.model));
  for (const id of ['q', 'kind', 'provider', 'model']) $(id).addEventListener('input', render);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('view-grid').addEventListener('click', () => setView('grid'));
  $('view-compare').addEventListener('click', () => setView('compare'));
  $('grid').addEventListener('keydown', moveFocus);
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && document.activeElement !== $('q')) { e.preventDefault(); $('q').focus(); }
  });
  if (new URLSearchParams(location.search).get('view') === 'compare') setView('compare'); else render();
  document.body.dataset.ready = 'true';
}

main();
`;
