import { api, enc } from './api.js';
import { $, el, fullId, show, time, withCodeNames } from './dom.js';
import { showError, showMessage, clearMessage } from './message.js';
import { wireGroupActions, resetGroupActions, previewGroup } from './groupactions.js';

// Dead-letter review: groups by reason → letters of a group → one letter inspected, with the support actions the
// letter's reason allows (the API enforces the same rules). Viewers see the same data; the action controls are only
// built for the support role (the API refuses them anyway).

const state = { canAct: false, reason: null, status: 'Open', groups: [], letterId: null, retriedLetterId: null, groupsKey: '', lettersKey: '', watch: 0 };

const itemsOf = answer => (Array.isArray(answer) ? answer : answer?.items ?? []);

export function initDeadLetters(canAct) {
  state.canAct = canAct;
  state.reason = null;
  state.letterId = null;
  state.retriedLetterId = null;
  state.status = 'Open';
  state.groups = [];
  state.groupsKey = '';
  state.lettersKey = '';
  state.watch++;
  $('dead-letter-groups').replaceChildren();
  $('dead-letters-body').replaceChildren();
  $('dead-letters-title').textContent = 'Letters';
  $('dead-letters-count').textContent = '';
  show($('dead-letter-inspect'), false);
  show($('retry-result'), false);
  resetGroupActions();
}

export function wireDeadLetters() {
  $('action-retry').addEventListener('click', () => retry({}));
  $('action-edit-retry').addEventListener('click', () => openEdit());
  $('action-restore').addEventListener('click', () => restore());
  $('show-archive').addEventListener('click', () => selectGroup(null, 'Archived'));
  $('edit-cancel').addEventListener('click', () => show($('edit-form'), false));
  $('edit-form').addEventListener('submit', event => {
    event.preventDefault();
    const typed = !$('edit-code-typed-label').hidden;
    const wrapUpCode = (typed ? $('edit-code-typed').value : $('edit-code').value).trim();
    if (!wrapUpCode) return;
    // The field starts with the letter's notes: sent as shown, so clearing it clears them ("" in the API).
    const label = typed ? wrapUpCode : $('edit-code').selectedOptions[0]?.textContent ?? wrapUpCode;
    retry({ wrapUpCode, notes: $('edit-notes').value, comment: `retried with code ${label}` });
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
  wireGroupActions(async () => {
    state.groupsKey = '';
    state.lettersKey = '';
    await refreshDeadLetters();
  });
}

/** Called by the poll loop: groups, and the letters of the selected group. */
export async function refreshDeadLetters() {
  const groups = itemsOf(await api('/api/dead-letters/groups'));
  const key = JSON.stringify(groups);
  state.groups = groups;
  if (key !== state.groupsKey) {
    state.groupsKey = key;
    renderGroups(groups);
  }
  if (state.reason !== null || state.status !== 'Open') await loadLetters();
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
  el('span', { class: 'muted small', testid: 'dead-letter-group-title', text: group.advice?.title ?? '' }),
  el('span', { class: 'muted small', title: `oldest ${time(group.oldest)}, newest ${time(group.newest)}`, text: `${time(group.oldest)} … ${time(group.newest)}` }),
  // Retry all only where a plain retry can change the outcome; a reason that needs another code is retried letter by letter.
  state.canAct && group.advice?.canRetryGroup
    ? el('button', { type: 'button', class: 'small', testid: 'group-retry-all', onclick: () => previewGroup('retry', group.reason) }, 'Retry all') : null,
  state.canAct ? el('button', { type: 'button', class: 'small', testid: 'group-discard-all', onclick: () => previewGroup('discard', group.reason) }, 'Discard all') : null)));
  if (!groups.length) list.append(el('li', { class: 'muted', testid: 'dead-letter-groups-empty', text: 'No open dead letters.' }));
}

/** A group's Open letters, or (reason null) the archive: the list shows what the group counts, so the numbers match. */
async function selectGroup(reason, status = 'Open') {
  state.reason = reason;
  state.status = status;
  state.lettersKey = '';
  for (const item of document.querySelectorAll('[data-testid="dead-letter-group"]'))
    item.dataset.selected = item.dataset.reason === reason ? 'true' : 'false';
  $('dead-letters-title').textContent = reason === null ? 'Archived letters' : `Open letters — ${reason}`;
  try {
    await loadLetters();
  } catch (error) {
    showError(error, { doing: `Loading dead letters of ${reason ?? 'the archive'}` });
  }
}

async function loadLetters() {
  const { reason, status } = state;
  const page = await api(`/api/dead-letters?status=${enc(status)}${reason === null ? '' : `&reason=${enc(reason)}`}&limit=50`);
  if (reason !== state.reason || status !== state.status) return;
  const letters = itemsOf(page);
  const key = JSON.stringify(letters);
  if (key === state.lettersKey) return;
  state.lettersKey = key;
  const total = reason === null ? null : state.groups.find(g => g.reason === reason)?.count ?? letters.length;
  $('dead-letters-count').textContent = total === null
    ? `Showing the ${letters.length} newest archived letters${page?.nextBefore ? ' (older ones in the API, page with before=)' : ''}.`
    : `Showing ${letters.length} of ${total} open letters.`;
  $('dead-letters-body').replaceChildren(...letters.map(letter => el('tr', {
    testid: 'dead-letter-row',
    'data-id': letter.id,
    'data-status': String(letter.status ?? '').toLowerCase(),
    'data-conversation-id': letter.conversationId ?? '',
    'data-selected': String(letter.id) === String(state.letterId) ? 'true' : 'false',
    class: 'clickable',
    onclick: () => inspect(letter.id),
  },
  el('td', { class: 'nowrap', text: time(letter.failedAt) }),
  el('td', {}, fullId('dead-letter-conversation-id', letter.conversationId)),
  el('td', { testid: 'dead-letter-code', text: withCodeNames(letter.wrapUpCode ?? '', page?.codeNames ?? {}) }),
  el('td', { text: letter.status ?? '' }))));
  if (!letters.length)
    $('dead-letters-body').append(el('tr', {}, el('td', { colspan: 4, class: 'muted', text: reason === null ? 'The archive is empty.' : 'No open letters with this reason.' })));
}

function field(list, name, value, testid) {
  if (value === undefined || value === null || value === '') return;
  list.append(el('dt', { text: name }), el('dd', { testid, text: typeof value === 'object' ? JSON.stringify(value) : String(value) }));
}

function describe(entry) {
  if (entry === null || typeof entry !== 'object') return String(entry);
  const parts = [entry.at ? time(entry.at) : null, entry.actor, entry.action, entry.outcome,
    entry.httpStatus ? `HTTP ${entry.httpStatus}` : null, entry.genesysCode,
    entry.genesysMessage ? `Genesys said “${entry.genesysMessage}”` : null, entry.contextId ? `contextId ${entry.contextId}` : null,
    entry.target, entry.detail, entry.comment];
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

  const advice = details.advice ?? {};
  $('inspect-id').textContent = String(letter.id ?? id);
  $('inspect-advice').dataset.retry = String(advice.retry ?? '').toLowerCase();
  $('inspect-advice-title').textContent = advice.title ?? letter.reason;
  $('inspect-advice-what').textContent = advice.whatHappened ?? '';
  $('inspect-advice-todo').textContent = advice.whatToDo ?? '';
  const names = details.codeNames ?? {};
  const named = code => (code && names[code] && names[code] !== code ? `${names[code]} (${code})` : code);
  const fields = $('inspect-fields');
  fields.replaceChildren();
  field(fields, 'Status', letter.status, 'inspect-status');
  field(fields, 'Reason', letter.reason, 'inspect-reason');
  field(fields, 'Queue', letter.queue, 'inspect-queue');
  field(fields, 'Intent', letter.intentId ?? intent?.intentId, 'inspect-intent');
  field(fields, 'Conversation', letter.conversationId ?? intent?.conversationId, 'inspect-conversation');
  field(fields, 'Wrap-up code', named(letter.wrapUpCode ?? intent?.requestedCode), 'inspect-code');
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

  const withNames = text => withCodeNames(text, names);
  $('inspect-failure-detail').textContent = withNames(intent?.failureDetail ?? details.failureDetail ?? '–');
  // Genesys's answer only when Genesys answered the last call, with a refusal (its status, code and words): an earlier
  // refusal followed by other calls is not why it failed; anything else is EventBridge's own finding.
  const last = (details.attempts ?? []).at(-1);
  const answered = last && last.outcome !== 'ok' && last.httpStatus !== null && last.httpStatus !== undefined ? last : null;
  $('inspect-failure-source').textContent = answered
    ? `Why it failed · Genesys answered ${answered.httpStatus}${answered.genesysCode ? ` ${answered.genesysCode}` : ''} to ${answered.action}`
      + `${answered.genesysMessage ? `: “${answered.genesysMessage}”` : ''}${answered.contextId ? ` (contextId ${answered.contextId})` : ''}`
    : `Why it failed · EventBridge's reasoning${(details.attempts ?? []).length ? '' : ' (no Genesys call was made)'}`;
  $('inspect-fault').textContent = withNames(letter.faultMessage ?? '–');
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

  // Only the actions that can help: a retry where the reason allows it, another code where it needs one, restore
  // for an archived letter; discard for any open one.
  const open = String(letter.status ?? 'Open') === 'Open';
  const archived = String(letter.status) === 'Archived';
  show($('inspect-actions'), state.canAct && (open || archived));
  show($('action-retry'), open && advice.retry === 'AsIs');
  show($('action-edit-retry'), open && (advice.retry === 'AsIs' || advice.retry === 'WithEdit'));
  show($('action-discard'), open);
  show($('action-restore'), archived);
  show($('edit-form'), false);
  show($('discard-form'), false);
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

/** The edit form with the codes the letter's queue offers (the org's when the queue is unknown), by name. */
async function openEdit() {
  const id = state.letterId;
  show($('discard-form'), false);
  show($('edit-form'), true);
  const select = $('edit-code');
  select.replaceChildren(el('option', { value: '', text: 'loading codes…' }));
  let choices = null;
  try {
    choices = await api(`/api/dead-letters/${enc(id)}/codes`);
  } catch (error) {
    // Without Genesys the codes cannot be listed: the code is typed instead (the intake checks it as any other).
    $('edit-code-scope').textContent = `The codes could not be listed (${error.message ?? error}); type the code.`;
  }
  if (state.letterId !== id) return;
  const codes = choices?.codes ?? [];
  show(select.parentElement, codes.length > 0);
  show($('edit-code-typed-label'), codes.length === 0);
  select.required = codes.length > 0;
  select.replaceChildren(el('option', { value: '', text: 'pick a code' }), ...codes.map(code => el('option', { value: code.id, text: code.name })));
  if (choices) $('edit-code-scope').textContent = choices.scope === 'queue' ? `The codes of the agent's queue. ${choices.note}` : choices.note;
  (codes.length ? select : $('edit-code-typed')).focus();
}

async function restore() {
  const id = state.letterId;
  try {
    await api(`/api/dead-letters/${enc(id)}/restore`, { method: 'POST', body: {} });
  } catch (error) {
    showError(error, { doing: `Restoring dead letter ${id}` });
    return;
  }
  showMessage(`Dead letter ${id} is open again.`, { kind: 'info' });
  await afterAction(id);
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
