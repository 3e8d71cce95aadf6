import { api, enc } from './api.js';
import { $, el, fullId, show, time, withCodeNames } from './dom.js';
import { showError, clearMessage } from './message.js';

let current = '';     // the term whose results are open, re-read on every poll
let lastJson = '';

const SOURCES = { genesys: 'Genesys answered', eventbridge: 'EventBridge', support: 'support' };

function renderStory(story) {
  const intent = story.intent;
  const status = String(intent.status ?? '');
  const names = story.codeNames ?? {};
  const code = intent.codeId && intent.codeId !== intent.requestedCode ? `${intent.requestedCode} → ${intent.codeId}` : intent.requestedCode;
  return el('article', { class: 'story', testid: 'story', 'data-intent-id': intent.intentId, 'data-status': status.toLowerCase() },
    el('div', { class: 'story-head' },
      el('span', { testid: 'story-status', class: `badge status-${status.toLowerCase()}`, text: status }),
      ' intent ', fullId('story-intent-id', intent.intentId),
      ' conversation ', fullId('story-conversation-id', intent.conversationId),
      el('span', { testid: 'story-code', text: ` code ${withCodeNames(code, names) ?? '–'}` }),
      intent.failureReason ? el('b', { testid: 'story-reason', class: 'bad', text: ` ${intent.failureReason}` }) : null),
    el('ol', { class: 'timeline', testid: 'story-timeline' }, ...story.timeline.map(event =>
      el('li', { testid: 'story-event', 'data-kind': event.kind, 'data-source': event.source },
        el('time', { datetime: event.at, text: time(event.at) }),
        el('span', { class: `source source-${event.source}`, testid: 'story-source', text: SOURCES[event.source] ?? event.source }),
        el('span', { testid: 'story-text', text: withCodeNames(event.text, names) }),
        event.detail ? el('pre', { testid: 'story-detail', text: withCodeNames(event.detail, names) }) : null))));
}

/** Runs GET /api/search?q= and shows every intent's story and the letters whose intent is not stored. */
export async function search(term) {
  const q = term.trim();
  if (!q) return;
  $('search-input').value = q;
  current = q;
  lastJson = '';
  try {
    await load(q);
  } catch (error) {
    if (error.status !== 401) showError(error, { source: 'search', doing: 'Searching' });
  }
}

/** While results are open they stay live: a dead letter or an outcome that lands later shows up at the next poll. */
export async function refreshSearch() {
  if (current && !$('search-results').hidden) await load(current);
}

async function load(q) {
  const result = await api(`/api/search?q=${enc(q)}`);
  if (q !== current) return;
  clearMessage('search');
  const json = JSON.stringify(result);
  if (json === lastJson) return;
  lastJson = json;
  const stories = result.intents ?? [];
  const letters = result.lettersWithoutIntent ?? [];
  $('search-summary').textContent = stories.length + letters.length === 0
    ? `Nothing found for ${q}: no intent or dead letter has that id or code (finished intents are kept for the retention age).`
    : `${stories.length} intent${stories.length === 1 ? '' : 's'}, ${letters.length} dead letter${letters.length === 1 ? '' : 's'} without a stored intent${result.truncated ? ' (first 50 shown)' : ''}.`;
  $('search-stories').replaceChildren(...stories.map(renderStory));
  $('search-letters').replaceChildren(...letters.map(letter =>
    el('li', { testid: 'search-letter' }, `dead letter ${letter.id} · ${letter.reason} · ${letter.status} · failed ${time(letter.failedAt)}`)));
  show($('search-results'), true);
}

export function wireSearch() {
  $('search-form').addEventListener('submit', event => {
    event.preventDefault();
    search($('search-input').value);
  });
  $('search-close').addEventListener('click', () => {
    current = '';
    show($('search-results'), false);
  });
}
