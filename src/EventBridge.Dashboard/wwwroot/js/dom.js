// Small DOM helpers: elements are built with textContent only, so nothing the API returns is ever parsed as HTML.

export const $ = (testId, root = document) => root.querySelector(`[data-testid="${testId}"]`);

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') node.dataset.testid = value;
    else if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key.startsWith('data-')) node.setAttribute(key, String(value));
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function show(node, visible) {
  node.hidden = !visible;
}

export function time(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** A datetime-local input's value read as UTC, like every time the page shows: the same instant for everyone. */
export function utcInstant(value) {
  return value ? `${value.length === 16 ? `${value}:00` : value}Z` : '';
}

/** Whole seconds since an ISO time, never negative (the browser's clock may run a little behind the server's). */
export function ageSeconds(iso, now = Date.now()) {
  if (!iso) return null;
  const at = new Date(iso).getTime();
  return Number.isNaN(at) ? null : Math.max(0, Math.floor((now - at) / 1000));
}

/** Genesys speaks of wrap-up codes by id: each code id a text mentions gets its name beside it, "Resolved (id)". */
export function withCodeNames(text, names) {
  if (!text || !names) return text;
  return Object.entries(names).reduce((named, [codeId, name]) => named.split(codeId).join(`${name} (${codeId})`), String(text));
}

/** A copy button for a full id: support pastes ids into tickets and into Genesys's admin pages. */
export function copyButton(text) {
  return el('button', {
    type: 'button', class: 'small', testid: 'copy-id', title: 'Copy',
    onclick: event => {
      event.stopPropagation();
      navigator.clipboard?.writeText(text).catch(() => {});
    },
  }, 'copy');
}

export function fullId(testid, id) {
  return el('span', { class: 'id' }, el('code', { testid, text: id ?? '–' }), id ? copyButton(id) : null);
}
