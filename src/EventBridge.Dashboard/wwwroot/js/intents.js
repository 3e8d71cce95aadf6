import { api, enc } from './api.js';
import { $, el, fullId, time, utcInstant } from './dom.js';
import { search } from './search.js';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'reason', 'code', 'queue', 'from', 'to'];

let filter = {};      // what the filter form said when it was last applied
let cursors = [null]; // the 'before' cursor of each page opened so far; the last one is shown

/** Renders the status counts of GET /api/stats. */
export function renderCounts(stats) {
  for (const key of ['pending', 'applying', 'applied', 'failed']) $(`count-${key}`).textContent = stats[key] ?? 0;
}

function readForm() {
  return {
    status: $('filter-status').value,
    reason: $('filter-reason').value.trim(),
    code: $('filter-code').value.trim(),
    queue: $('filter-queue').value.trim(),
    from: utcInstant($('filter-from').value),
    to: utcInstant($('filter-to').value),
  };
}

/** The GET /api/intents path of the page shown: the applied filter, the page's cursor. */
export function intentsPath() {
  const query = [`limit=${PAGE_SIZE}`];
  for (const key of FILTERS) if (filter[key]) query.push(`${key}=${enc(filter[key])}`);
  const before = cursors[cursors.length - 1];
  if (before) query.push(`before=${enc(before)}`);
  return `/api/intents?${query.join('&')}`;
}

/** Renders one page of GET /api/intents; every row opens the intent's story. */
export function renderIntents(page) {
  const items = page.items ?? [];
  $('intents-body').replaceChildren(...items.map(intent => {
    const status = String(intent.status ?? '');
    return el('tr', {
      testid: 'intent-row', 'data-intent-id': intent.intentId, 'data-status': status.toLowerCase(), class: 'clickable',
      title: 'Click for its story', onclick: () => search(intent.intentId),
    },
      el('td', { class: 'nowrap', text: time(intent.receivedAt) }),
      el('td', {}, el('span', { testid: 'intent-status', class: `badge status-${status.toLowerCase()}`, text: status })),
      el('td', { testid: 'intent-code', text: intent.codeName ?? intent.requestedCode ?? '' }),
      el('td', { testid: 'intent-conversation' }, fullId('intent-conversation-id', intent.conversationId)),
      el('td', { testid: 'intent-id' }, fullId('intent-intent-id', intent.intentId)),
      el('td', { testid: 'intent-reason', title: intent.failureDetail ?? '', text: intent.failureReason ?? '' }));
  }));
  const filtered = FILTERS.some(key => filter[key]);
  if (!items.length) {
    $('intents-body').append(el('tr', {}, el('td', {
      colspan: 6, class: 'muted', text: filtered ? 'No intent matches these filters.' : 'No intents yet.',
    })));
  }
  const number = cursors.length;
  $('intents-page').textContent = `Page ${number}${filtered ? ', filtered' : ''}: ${items.length} intent${items.length === 1 ? '' : 's'}, newest first.`;
  $('intents-newer').disabled = number === 1;
  $('intents-older').disabled = !page.next;
  $('intents-older').dataset.next = page.next ?? '';
}

/** Wires the filter form and the pager; <paramref>reload</paramref> reads the page at once rather than at the next poll. */
export function wireIntents(reload) {
  $('intents-filter').addEventListener('submit', event => {
    event.preventDefault();
    filter = readForm();
    cursors = [null];
    reload();
  });
  $('filter-clear').addEventListener('click', () => {
    $('intents-filter').reset();
    filter = {};
    cursors = [null];
    reload();
  });
  $('intents-older').addEventListener('click', () => {
    const next = $('intents-older').dataset.next;
    if (!next) return;
    cursors.push(next);
    reload();
  });
  $('intents-newer').addEventListener('click', () => {
    if (cursors.length > 1) cursors.pop();
    reload();
  });
}
