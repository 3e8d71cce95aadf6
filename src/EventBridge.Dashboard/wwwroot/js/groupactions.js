import { api, enc } from './api.js';
import { $, show, time, utcInstant } from './dom.js';
import { showError, showMessage } from './message.js';

// Actions on a whole group of dead letters: a preview first (the count support confirms), then a paced retry whose
// progress is followed, or a discard of them all. The API refuses either if the group changed since the preview.

const pending = { retry: null, discard: null, job: 0 };
let afterChange = async () => {};

export function wireGroupActions(refresh) {
  afterChange = refresh;
  $('retry-all-cancel').addEventListener('click', () => close('retry'));
  $('retry-all-confirm').addEventListener('click', () => confirm('retry'));
  $('discard-all-cancel').addEventListener('click', () => close('discard'));
  $('discard-all-confirm').addEventListener('click', () => confirm('discard'));
  // "Only those that failed before…": the count is previewed again for the narrower group before anything is discarded.
  $('discard-all-before').addEventListener('change', () => {
    if (pending.discard) previewGroup('discard', pending.discard.reason, utcInstant($('discard-all-before').value));
  });
}

export function resetGroupActions() {
  pending.retry = null;
  pending.discard = null;
  pending.job++;
  for (const panel of ['retry-all-panel', 'discard-all-panel', 'group-retry-progress']) show($(panel), false);
}

const panels = { retry: 'retry-all', discard: 'discard-all' };
const verbs = { retry: 'Retry', discard: 'Discard' };

export async function previewGroup(kind, reason, failedBefore = '') {
  let preview;
  try {
    preview = await api(`/api/dead-letters/groups/${enc(reason)}/preview${failedBefore ? `?failedBefore=${enc(failedBefore)}` : ''}`);
  } catch (error) {
    showError(error, { doing: `Previewing ${kind} of ${reason}` });
    return;
  }
  close(kind === 'retry' ? 'discard' : 'retry');
  if (kind === 'discard' && !failedBefore) $('discard-all-before').value = '';
  ask(kind, reason, preview?.matching ?? 0, '', failedBefore);
}

function ask(kind, reason, matching, prefix, failedBefore = '') {
  pending[kind] = { reason, matching, failedBefore };
  const letters = `${matching} open dead letter${matching === 1 ? '' : 's'}`;
  const which = failedBefore ? ` that failed before ${time(failedBefore)}` : '';
  $(`${panels[kind]}-preview`).textContent = `${prefix}${verbs[kind]} ${letters} with reason ${reason}${which}?`;
  $(`${panels[kind]}-panel`).dataset.matching = String(matching);
  show($(`${panels[kind]}-panel`), true);
}

function close(kind) {
  pending[kind] = null;
  show($(`${panels[kind]}-panel`), false);
}

async function confirm(kind) {
  const asked = pending[kind];
  if (!asked) return;
  try {
    const body = { expectedCount: asked.matching };
    if (asked.failedBefore) body.failedBefore = asked.failedBefore;
    const answer = await api(`/api/dead-letters/groups/${enc(asked.reason)}/${kind}`, { method: 'POST', body });
    close(kind);
    if (kind === 'retry') follow(answer);
    else showMessage(`Discarded ${answer?.discarded ?? 0} dead letters of ${asked.reason}; each can be restored from the archive.`, { kind: 'info' });
  } catch (error) {
    // Someone else acted on the group since the preview: show the new count and ask again.
    if (error.status === 409) ask(kind, asked.reason, error.body?.matching ?? 0, 'The group changed: ', asked.failedBefore);
    showError(error, { doing: `${verbs[kind] === 'Retry' ? 'Retrying' : 'Discarding'} ${asked.reason}` });
  }
  try { await afterChange(); } catch (error) { showError(error, { doing: 'Refreshing dead letters' }); }
}

/** Shows a group retry's progress until it is Done or Stopped (the worker sends one letter per turn). */
async function follow(started) {
  const job = ++pending.job;
  let progress = started;
  while (job === pending.job) {
    render(progress);
    if (progress.state !== 'Running') break;
    await new Promise(resolve => setTimeout(resolve, 1000));
    try {
      progress = await api(`/api/dead-letters/group-retries/${enc(started.jobId)}`);
    } catch (error) {
      showError(error, { doing: `Following the group retry of ${started.reason}` });
      return;
    }
    try { await afterChange(); } catch { /* the next turn refreshes again */ }
  }
  if (job === pending.job)
    showMessage(`Group retry of ${progress.reason}: ${progress.retried} of ${progress.total} sent again${progress.skipped?.length ? `, ${progress.skipped.length} skipped` : ''}.`, { kind: 'info' });
}

function render(progress) {
  const panel = $('group-retry-progress');
  panel.dataset.state = String(progress.state).toLowerCase();
  panel.dataset.retried = String(progress.retried);
  panel.dataset.total = String(progress.total);
  $('group-retry-state').textContent = progress.state === 'Running' ? `Retrying ${progress.reason}` : `Group retry ${String(progress.state).toLowerCase()}`;
  const skipped = progress.skipped?.length ?? 0;
  $('group-retry-counts').textContent = `${progress.retried} of ${progress.total} sent${skipped ? `, ${skipped} skipped` : ''}`;
  $('group-retry-bar').max = Math.max(1, progress.total);
  $('group-retry-bar').value = progress.retried + skipped;
  $('group-retry-budget').textContent = progress.waitingForBudget
    ? 'Waiting: Genesys\'s request budget is busy with live wrap-ups.'
    : progress.state === 'Stopped' ? 'The worker stopped: the letters not sent are still open.' : '';
  show(panel, true);
}
