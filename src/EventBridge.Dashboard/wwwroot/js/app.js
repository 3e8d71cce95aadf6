import { api, onUnauthorized } from './api.js';
import { $, show } from './dom.js';
import { initMessage, showError, clearMessage } from './message.js';
import { renderHealth, tickHeartbeats } from './health.js';
import { intentsPath, renderCounts, renderIntents, wireIntents } from './intents.js';
import { drawOutcomes, drawLatency } from './plots.js';
import { renderStore } from './store.js';
import { wireSearch, refreshSearch } from './search.js';
import { initDeadLetters, wireDeadLetters, refreshDeadLetters } from './deadletters.js';

const POLL_MS = 2000;
let session = null;      // { name, role } while logged in
let pollTimer = 0;
let tickTimer = 0;
let generation = 0;      // bumped at login/logout so a poll in flight for the old session is ignored
const lastRendered = new Map();

function showLogin() {
  stopPolling();
  session = null;
  show($('who'), false);
  show($('dashboard-view'), false);
  show($('login-view'), true);
  $('login-password').value = '';
  $('login-username').focus();
}

function showDashboard(identity) {
  session = identity;
  $('user-name').textContent = identity.name;
  $('user-role').textContent = identity.role;
  document.body.dataset.role = identity.role;
  show($('who'), true);
  show($('login-view'), false);
  show($('login-error'), false);
  show($('dashboard-view'), true);
  lastRendered.clear();
  initDeadLetters(identity.role === 'support');
  startPolling();
}

/** Re-renders only when the answer changed, so rows a person is about to click are not replaced under the pointer. */
function renderIfChanged(key, data, render) {
  const text = JSON.stringify(data);
  if (lastRendered.get(key) === text) return;
  lastRendered.set(key, text);
  render(data);
}

async function load(source, doing, work) {
  try {
    await work();
    clearMessage(source);
  } catch (error) {
    if (error.status !== 401) showError(error, { source, doing });
  }
}

// Also called at once when the filters or the page change; an answer for a page no longer asked for is dropped.
async function loadIntents() {
  const mine = generation;
  await load('intents', 'Loading intents', async () => {
    const path = intentsPath();
    const page = await api(path);
    if (mine === generation && path === intentsPath()) renderIfChanged('intents', { path, page }, view => renderIntents(view.page));
  });
}

async function poll() {
  const mine = generation;
  await Promise.all([
    load('subscriptions', 'Loading subscriptions', async () => {
      const health = await api('/api/subscriptions');
      if (mine === generation) renderHealth(health);
    }),
    load('stats', 'Loading statistics', async () => {
      const stats = await api('/api/stats?minutes=60');
      if (mine !== generation) return;
      renderCounts(stats);
      renderIfChanged('plots', stats.minutes ?? [], minutes => {
        drawOutcomes($('plot-outcomes'), minutes);
        drawLatency($('plot-latency'), minutes);
      });
    }),
    loadIntents(),
    load('store', 'Loading the store size', async () => {
      const store = await api('/api/store');
      if (mine === generation) renderIfChanged('store', store, renderStore);
    }),
    load('search', 'Searching', async () => {
      if (mine === generation) await refreshSearch();
    }),
    load('dead-letters', 'Loading dead letters', async () => {
      if (mine === generation) await refreshDeadLetters();
    }),
  ]);
  if (mine === generation && session) pollTimer = setTimeout(poll, POLL_MS);
}

function startPolling() {
  stopPolling();
  generation++;
  poll();
  tickTimer = setInterval(tickHeartbeats, 1000);
}

function stopPolling() {
  generation++;
  clearTimeout(pollTimer);
  clearInterval(tickTimer);
}

async function login(event) {
  event.preventDefault();
  const error = $('login-error');
  show(error, false);
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  try {
    const identity = await api('/auth/login', { method: 'POST', body: { username, password }, quiet401: true });
    $('login-password').value = '';
    clearMessage();
    showDashboard(identity);
  } catch (failed) {
    error.textContent = failed.status === 401
      ? 'Wrong user name or password.'
      : failed.status === 429
        ? 'Too many attempts: wait a minute and try again.'
        : `Could not log in: ${failed.message}`;
    show(error, true);
    $('login-password').select();
  }
}

async function logout() {
  try {
    await api('/auth/logout', { method: 'POST', quiet401: true });
  } catch (error) {
    showError(error, { doing: 'Logging out' });
  }
  clearMessage();
  showLogin();
}

async function start() {
  initMessage();
  wireDeadLetters();
  wireSearch();
  wireIntents(loadIntents);
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  onUnauthorized(() => { if (session) showLogin(); });
  try {
    showDashboard(await api('/auth/me', { quiet401: true }));
  } catch (error) {
    if (error.status !== 401) showError(error, { doing: 'Checking the session' });
    showLogin();
  }
}

start();
