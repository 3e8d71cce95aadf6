import { $, el, time } from './dom.js';

const RECORDS = {
  FinishedIntents: ['finished intents', 'finishedIntentsDays'],
  Attempts: ['Genesys call records', 'attemptsDays'],
  ResolvedDeadLetters: ['retried or discarded dead letters', 'resolvedDeadLettersDays'],
  AuditEntries: ['audit entries', 'auditEntriesDays'],
};

export function bytes(count) {
  if (count === null || count === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Renders GET /api/store: each store's size and rows, what the last retention pass purged, and the ages kept. */
export function renderStore(store) {
  const pass = store.lastPass;
  const sizes = store.sizes;
  $('store-sizes').replaceChildren(...(sizes?.stores ?? []).map(size =>
    el('tr', { testid: 'store-row', 'data-store': size.store },
      el('td', { text: size.store }),
      el('td', { class: 'num', testid: 'store-bytes', text: bytes(size.bytes) }),
      el('td', { testid: 'store-rows', text: Object.entries(size.rows ?? {}).map(([table, rows]) => `${table} ${rows}`).join(' · ') }))));
  if (!sizes) $('store-sizes').append(el('tr', {}, el('td', { colspan: 3, class: 'muted', text: 'Not measured yet.' })));
  const retention = store.retention;
  $('store-retention').replaceChildren(...Object.entries(RECORDS).map(([key, [label, days]]) =>
    el('li', { testid: 'retention-age', 'data-records': key },
      `${label}: kept ${retention[days]} days`,
      pass ? el('span', { class: 'muted', text: ` · last pass purged ${pass.purged?.[key] ?? 0}` }) : null)));
  const measured = sizes ? `Measured ${time(sizes.measuredAt)}. ` : '';
  $('store-pass').textContent = measured + (!retention.enabled
    ? 'Retention is off: nothing is purged.'
    : pass ? `Last purge ${time(pass.at)}, every ${retention.intervalMinutes} min${pass.problems?.length ? ` · problem: ${pass.problems.join('; ')}` : ''}`
      : 'First purge a minute after start.');
}
