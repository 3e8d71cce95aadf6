import { $, el, time, short } from './dom.js';
import { search } from './search.js';

/** Renders the status counts of GET /api/stats. */
export function renderCounts(stats) {
  for (const key of ['pending', 'applying', 'applied', 'failed']) $(`count-${key}`).textContent = stats[key] ?? 0;
}

/** Renders GET /api/intents?limit=20. */
export function renderIntents(page) {
  const items = page.items ?? [];
  $('intents-body').replaceChildren(...items.map(intent => {
    const status = String(intent.status ?? '');
    return el('tr', {
      testid: 'intent-row', 'data-intent-id': intent.intentId, 'data-status': status.toLowerCase(), class: 'clickable',
      title: `intent ${intent.intentId}: click for its story`, onclick: () => search(intent.intentId),
    },
      el('td', { text: time(intent.receivedAt) }),
      el('td', {}, el('span', { testid: 'intent-status', class: `badge status-${status.toLowerCase()}`, text: status })),
      el('td', { testid: 'intent-code', text: intent.codeName ?? intent.requestedCode ?? '' }),
      el('td', { testid: 'intent-conversation', title: intent.conversationId ?? '' }, el('code', { text: short(intent.conversationId) })),
      el('td', { testid: 'intent-reason', title: intent.failureDetail ?? '', text: intent.failureReason ?? '' }));
  }));
  if (!items.length) $('intents-body').append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No intents yet.' })));
}
