import { $, show } from './dom.js';

// One visible message area for API errors and action results. A message remembers its source, so a poll that
// succeeds again clears the error it raised earlier, and nothing else.
let currentSource = null;

export function showMessage(text, { source = null, kind = 'error' } = {}) {
  currentSource = source;
  const area = $('message');
  area.dataset.kind = kind;
  $('message-text').textContent = text;
  show(area, true);
}

export function showError(error, { source = null, doing = '' } = {}) {
  const what = error && error.title ? (error.detail ? `${error.title} — ${error.detail}` : error.title) : String(error);
  showMessage(doing ? `${doing}: ${what}` : what, { source, kind: 'error' });
}

export function clearMessage(source = null) {
  if (source !== null && source !== currentSource) return;
  currentSource = null;
  show($('message'), false);
  $('message-text').textContent = '';
}

export function initMessage() {
  $('message-close').addEventListener('click', () => clearMessage());
}
