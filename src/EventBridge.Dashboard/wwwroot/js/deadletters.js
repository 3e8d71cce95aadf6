import { api, enc } from './api.js';
import { $, el, show, time, clock, short } from './dom.js';
import { showError, showMessage, clearMessage } from './message.js';

// Dead-letter review: groups by reason → letters of a group → one letter inspected, with the support actions.
// Viewers see the same data; the action controls are only built for the support role (the API refuses them anyway).

const state = { canAct: false, reason: null, letterId: null, retriedLetterId: null, groupsKey: '', lettersKey: '', retryAll: null, watch: 0 };

const itemsOf = answer => (Array.isArray(answer) ? answer : answer?.items ?? []);

export function initDeadLetters(canAct) {
  state.canAct = canAct;
  state.reason = null;
  state.letterId = null;
  state.retriedLetterId = null;
  state.groupsKey = '';
  state.lettersKey = '';
  state.retryAll = null;
  state.watch++;
  $('dead-letter-groups').replaceChildren();
  $('dead-letters-body').replaceChildren();
  $('dead-letters-title').textContent = 'Letters';
  show($('dead-letter-inspect'), false);
  show($('retry-all-panel'), false);
  show($('retry-result'), false);
}

export function wireDeadLetters() {
  $('action-retry').addEventListener('click', () => retry({}));
  $('action-edit-retry').addEventListener('click', () => {
    show($('discard-form'), false);
    show($('edit-form'), true);
    $('edit-code').focus();
  });
  $('edit-cancel').addEventListener('click', () => show($('edit-form'), false));
  $('edit-form').addEventListener('submit', event => {
    event.preventDefault();
    const wrapUpCode = $('edit-code').value.trim();
    // The field starts with the letter's notes: sent as shown, so clearing it clears them ("" in the API).
    retry({ wrapUpCode, notes: $('edit-notes').value, comment: `edited code to ${wrapUpCode}` });
  });
  $('action-discard').addEventListener('click', () => {
    show($('edit-form'), false);
    show($('discard-form'), true);
    $('discard-comment').focus();
  });
  $('discard-cancel').addEventListener('click', () => show($('discard-form'), false));
  $('discard-form').addEventListener('submit', event => {
    event.preventDefault();
    discard($('discard-comment').value.trim());
  });
  $('retry-all-cancel').addEventListener('click', () => {
    state.retryAll = null;
    show($('retry-all-panel'), false);
  });
  $('retry-all-confirm').addEventListener('click', () => confirmRetryAll());
}

/** Called by the poll loop: groups, and the letters of the selected group. */
export async function refreshDeadLetters() {
  const groups = itemsOf(await api('/api/dead-letters/groups'));
  const key = JSON.stringify(groups);
  if (key !== state.groupsKey) {
    state.groupsKey = key;
    renderGroups(groups);
  }
  if (state.reason !== null) await loadLetters();
}

function renderGroups(groups) {
  const list = $('dead-letter-groups');
  list.replaceChildren(...groups.map(group => el('li', {
    testid: 'dead-letter-group',
    'data-reason': group.reason,
    'data-selected': group.reason === state.reason ? 'true' : 'false',
  },
  el('button', { type: 'button', class: 'link', testid: 'dead-letter-group-open', onclick: () => selectGroup(group.reason) },
    el('span', { testid: 'dead-letter-group-reason', text: group.reason || '(no reason)' }), ' ',
    el('b', { testid: 'dead-letter-group-count', class: 'pill', text: group.count })),
  el('span', { class: 'muted small', title: `oldest ${time(group.oldest)}, newest ${time(group.newest)}`, text: `${clock(group.oldest)} … ${clock(group.newest)}` }),
  state.canAct ? el('button', { type: 'button', class: 'small', testid: 'group-retry-all', onclick: () => previewRetryAll(group.reason) }, 'Retry all') : null)));
  if (!groups.length) list.append(el('li', { class: 'muted', testid: 'dead-letter-groups-empty', text: 'No open dead letters.' }));
}

async function selectGroup(reason) {
  state.reason = reason;
  state.lettersKey = '';
  for (const item of document.querySelectorAll('[data-testid="dead-letter-group"]'))
    item.dataset.selected = item.dataset.reason === reason ? 'true' : 'false';
  $('dead-letters-title').textContent = `Letters — ${reason}`;
  try {
    await loadLetters();
  } catch (error) {
    showError(error, { doing: `Loading dead letters of ${reason}` });
  }
}

async function loadLetters() {
  const reason = state.reason;
  const letters = itemsOf(await api(`/api/dead-letters?reason=${enc(reason)}&limit=50`));
  if (reason !== state.reason) return;
  const key = JSON.stringify(letters);
  if (key === state.lettersKey) return;
  state.lettersKey = key;
  $('dead-letters-body').replaceChildren(...letters.map(letter => el('tr', {
    testid: 'dead-letter-row',
    'data-id': letter.id,
    'data-status': String(letter.status ?? '').toLowerCase(),
    'data-conversation-id': letter.conversationId ?? '',
    'data-selected': String(letter.id) === String(state.letterId) ? 'true' : 'false',
    class: 'clickable',
    onclick: () => inspect(letter.id),
  },
  el('td', { text: time(letter.failedAt) }),
  el('td', { title: letter.conversationId ?? '' }, el('code', { text: short(letter.conversationId) })),
  el('td', { text: letter.wrapUpCode ?? '' }),
  el('td', { text: letter.status ?? '' }))));
  if (!letters.length) $('dead-letters-body').append(el('tr', {}, el('td', { colspan: 4, class: 'muted', text: 'No open letters with this reason.' })));
}

function field(list, name, value, testid) {
  if (value === undefined || value === null || value === '') return;
  list.append(el('dt', { text: name }), el('dd', { testid, text: typeof value === 'object' ? JSON.stringify(value) : String(value) }));
}

function describe(entry) {
  if (entry === null || typeof entry !== 'object') return String(entry);
  const parts = [entry.at ? time(entry.at) : null, entry.actor, entry.action, entry.outcome,
    entry.httpStatus ? `HTTP ${entry.httpStatus}` : null, entry.target, entry.detail, entry.comment];
  const text = parts.filter(p => p !== undefined && p !== null && p !== '').join(' · ');
  return text || JSON.stringify(entry);
}

function pretty(body, encoding) {
  if (encoding === 'base64') return `(not UTF-8, base64) ${body}`;
  try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; }
}

function describeLink(link) {
  const letter = link.deadLetterId ? `dead letter ${link.deadLetterId}${link.reason ? ` (${link.reason}, ${link.letterStatus ?? ''})` : ''}` : null;
  const intent = link.intentId ? `intent ${link.intentId}${link.intentStatus ? ` ${link.intentStatus}` : ''}` : null;
  const next = link.retriedAsIntentId ? `→ retried as ${link.retriedAsIntentId}` : null;
  return [letter, intent, next, link.isCurrent ? '(this letter)' : null].filter(Boolean).join(' · ');
}

async function inspect(id) {
  state.letterId = id;
  if (String(state.retriedLetterId) !== String(id)) {
    state.watch++;
    show($('retry-result'), false);
  }
  for (const row of document.querySelectorAll('[data-testid="dead-letter-row"]'))
    row.dataset.selected = row.dataset.id === String(id) ? 'true' : 'false';
  let details;
  try {
    details = await api(`/api/dead-letters/${enc(id)}`);
  } catch (error) {
    showError(error, { doing: `Loading dead letter ${id}` });
    return;
  }
  if (state.letterId !== id) return;
  const letter = details.letter ?? details.deadLetter ?? details;
  const intent = details.intent ?? null;

  $('inspect-id').textContent = String(letter.id ?? id);
  const fields = $('inspect-fields');
  fields.replaceChildren();
  field(fields, 'Status', letter.status, 'inspect-status');
  field(fields, 'Reason', letter.reason, 'inspect-reason');
  field(fields, 'Queue', letter.queue, 'inspect-queue');
  field(fields, 'Intent', letter.intentId ?? intent?.intentId, 'inspect-intent');
  field(fields, 'Conversation', letter.conversationId ?? intent?.conversationId, 'inspect-conversation');
  field(fields, 'Wrap-up code', letter.wrapUpCode ?? intent?.requestedCode, 'inspect-code');
  field(fields, 'Notes', letter.notes ?? intent?.notes, 'inspect-notes');
  field(fields, 'Participant', letter.participantId ?? intent?.participantId, 'inspect-participant');
  field(fields, 'User', letter.userId ?? intent?.userId, 'inspect-user');
  field(fields, 'Disconnect', letter.disconnect ?? intent?.disconnect, 'inspect-disconnect');
  field(fields, 'Requested by', letter.requestedBy ?? intent?.requestedBy, 'inspect-requested-by');
  field(fields, 'Intent status', intent?.status, 'inspect-intent-status');
  field(fields, 'Failure reason', intent?.failureReason ?? letter.reason, 'inspect-failure-reason');
  field(fields, 'Failed at', time(letter.failedAt), 'inspect-failed-at');
  field(fields, 'Redeliveries', letter.retryCount, 'inspect-retry-count');
  field(fields, 'Exception', letter.exceptionType, 'inspect-exception');
  field(fields, 'Retried as', letter.retriedAsIntentId, 'inspect-retried-as');
  field(fields, 'Resolved by', letter.resolvedBy ? `${letter.resolvedBy} at ${time(letter.resolvedAt)}` : null, 'inspect-resolved-by');

  $('inspect-failure-detail').textContent = intent?.failureDetail ?? details.failureDetail ?? '–';
  // Genesys's answer only when Genesys answered: a refusal carries its HTTP status; anything else is EventBridge's own finding.
  const answered = [...(details.attempts ?? [])].reverse().find(a => a.httpStatus !== null && a.httpStatus !== undefined);
  $('inspect-failure-source').textContent = answered
    ? `Why it failed · Genesys answered ${answered.httpStatus} to ${answered.action}`
    : `Why it failed · EventBridge's reasoning${(details.attempts ?? []).length ? '' : ' (no Genesys call was made)'}`;
  $('inspect-fault').textContent = letter.faultMessage ?? '–';
  $('inspect-headers').textContent = letter.headers ? JSON.stringify(letter.headers, null, 2) : '–';
  // A cut body is only its first bytes: not JSON any more, so shown as it is, after what arrived.
  $('inspect-body').textContent = !letter.body ? '–' : letter.bodyCut
    ? `(first ${letter.body.length} characters of ${letter.bodyBytes} bytes; SHA-256 ${letter.bodySha256})\n${letter.body}`
    : pretty(letter.body, letter.bodyEncoding);
  const attempts = details.attempts ?? [];
  $('inspect-attempts').replaceChildren(...(attempts.length
    ? attempts.map(a => el('li', { testid: 'inspect-attempt', text: describe(a) }))
    : [el('li', { class: 'muted', text: 'none recorded' })]));
  const chain = details.retryChain ?? [];
  $('inspect-chain').replaceChildren(...(chain.length
    ? chain.map(link => el('li', { testid: 'inspect-chain-link', text: describeLink(link) }))
    : [el('li', { class: 'muted', text: 'not retried' })]));
  const audit = details.audit ?? [];
  $('inspect-audit').replaceChildren(...(audit.length
    ? audit.map(a => el('li', { testid: 'inspect-audit-entry', text: describe(a) }))
    : [el('li', { class: 'muted', text: 'no action yet' })]));

  const open = String(letter.status ?? 'Open') === 'Open';
  show($('inspect-actions'), state.canAct && open);
  show($('edit-form'), false);
  show($('discard-form'), false);
  $('edit-code').value = letter.wrapUpCode ?? '';
  $('edit-notes').value = letter.notes ?? '';
  $('discard-comment').value = '';
  show($('dead-letter-inspect'), true);
}

async function retry(body) {
  const id = state.letterId;
  let answer;
  try {
    answer = await api(`/api/dead-letters/${enc(id)}/retry`, { method: 'POST', body });
  } catch (error) {
    showError(error, { doing: `Retrying dead letter ${id}` });
    return;
  }
  clearMessage();
  show($('edit-form'), false);
  const intentId = answer?.retriedAsIntentId ?? answer?.intentId;
  state.retriedLetterId = id;
  showMessage(`Dead letter ${id} retried as intent ${intentId}.`, { kind: 'info' });
  await afterAction(id);
  watchIntent(intentId);
}

async function discard(comment) {
  const id = state.letterId;
  try {
    await api(`/api/dead-letters/${enc(id)}/discard`, { method: 'POST', body: comment ? { comment } : {} });
  } catch (error) {
    showError(error, { doing: `Discarding dead letter ${id}` });
    return;
  }
  showMessage(`Dead letter ${id} discarded.`, { kind: 'info' });
  await afterAction(id);
}

async function afterAction(id) {
  state.groupsKey = '';
  state.lettersKey = '';
  try {
    await refreshDeadLetters();
    await inspect(id);
  } catch (error) {
    showError(error, { doing: 'Refreshing dead letters' });
  }
}

/** Follows the retried intent until it is Applied or Failed. A 404 right after the retry means "not stored yet". */
async function watchIntent(intentId) {
  const watch = ++state.watch;
  $('retry-intent-id').textContent = intentId ?? '–';
  $('retry-intent-status').textContent = 'Submitted';
  $('retry-intent-detail').textContent = '';
  $('retry-result').dataset.intentId = intentId ?? '';
  $('retry-result').dataset.status = 'submitted';
  show($('retry-result'), true);
  if (!intentId) return;
  for (let polls = 0; watch === state.watch && polls < 900; polls++) {
    try {
      const intent = await api(`/api/intents/${enc(intentId)}`);
      if (watch !== state.watch) return;
      $('retry-intent-status').textContent = intent.status;
      $('retry-result').dataset.status = String(intent.status).toLowerCase();
      $('retry-intent-detail').textContent = intent.failureReason
        ? `${intent.failureReason}: ${intent.failureDetail ?? ''}`
        : intent.appliedVia ? `${intent.codeName ?? ''} via ${intent.appliedVia}` : '';
      if (intent.status === 'Applied' || intent.status === 'Failed') {
        // The retry chain in the inspect panel names this intent's status too: show the final one.
        if (String(state.letterId) === String(state.retriedLetterId)) await inspect(state.letterId);
        return;
      }
    } catch (error) {
      if (error.status !== 404) {
        showError(error, { doing: `Reading intent ${intentId}` });
        if (error.status === 401 || error.status === 403) return;
      }
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

async function previewRetryAll(reason) {
  let preview;
  try {
    preview = await api(`/api/dead-letters/groups/${enc(reason)}/preview`);
  } catch (error) {
    showError(error, { doing: `Previewing retry of ${reason}` });
    return;
  }
  const matching = preview?.matching ?? preview?.count ?? 0;
  state.retryAll = { reason, matching };
  $('retry-all-preview').textContent = `Retry ${matching} open dead letter${matching === 1 ? '' : 's'} with reason ${reason}?`;
  $('retry-all-panel').dataset.matching = String(matching);
  show($('retry-all-panel'), true);
}

async function confirmRetryAll() {
  const pending = state.retryAll;
  if (!pending) return;
  try {
    const answer = await api(`/api/dead-letters/groups/${enc(pending.reason)}/retry`, {
      method: 'POST', body: { expectedCount: pending.matching },
    });
    const ids = answer?.intentIds ?? [];
    showMessage(`Retried ${answer?.retried ?? ids.length} dead letters of ${pending.reason}${ids.length ? ` as intents ${ids.join(', ')}` : ''}.`, { kind: 'info' });
    state.retryAll = null;
    show($('retry-all-panel'), false);
  } catch (error) {
    if (error.status === 409) {
      // Someone else acted on the group since the preview: show the new count and ask again.
      const matching = error.body?.matching ?? 0;
      state.retryAll = { reason: pending.reason, matching };
      $('retry-all-preview').textContent = `The group changed: now ${matching} open dead letters with reason ${pending.reason}. Retry them?`;
      $('retry-all-panel').dataset.matching = String(matching);
      showError(error, { doing: `Retrying ${pending.reason}` });
    } else {
      showError(error, { doing: `Retrying ${pending.reason}` });
    }
  }
  state.groupsKey = '';
  state.lettersKey = '';
  try { await refreshDeadLetters(); } catch (error) { showError(error, { doing: 'Refreshing dead letters' }); }
}
