import { $, el, ageSeconds, time } from './dom.js';

// The worker serialises ChannelState as a name or as its number, depending on its JSON options: accept both.
const States = ['Idle', 'Opening', 'Connected', 'Reconnecting', 'Replacing', 'Stopped'];
const stateName = state => (typeof state === 'number' ? States[state] ?? String(state) : String(state ?? '–'));

let heartbeats = new Map();

/** Who listens: this replica alone, this replica for the cluster, or another one (a stand-by shows no channels). */
function listenerText(listener) {
  if (!listener) return '–';
  const role = String(listener.role ?? '');
  if (role === 'Sole') return 'this worker';
  if (role === 'Holder') return `this replica (lease epoch ${listener.epoch})`;
  if (role === 'StandBy') return listener.holder ? `${listener.holder} (epoch ${listener.epoch}); this replica stands by` : 'nobody yet; this replica stands by';
  return role || '–';
}

/** Renders GET /api/subscriptions. */
export function renderHealth(health) {
  const channels = health.channels ?? [];
  const rejected = health.rejectedTopics ?? [];
  const overCapacity = health.topicsOverCapacity ?? [];

  const reasons = [];
  if (!health.started) reasons.push('topics not subscribed yet');
  for (const channel of channels) {
    if (channel.topicCount > 0 && !channel.connected) reasons.push(`slot ${channel.slot} ${stateName(channel.state).toLowerCase()}`);
  }
  if (rejected.length) reasons.push(`${rejected.length} topic${rejected.length === 1 ? '' : 's'} rejected`);
  if (overCapacity.length) reasons.push(`${overCapacity.length} topic${overCapacity.length === 1 ? '' : 's'} over capacity`);
  const healthy = health.isReady !== false && reasons.length === 0;

  const banner = $('health-banner');
  banner.dataset.state = healthy ? 'healthy' : 'degraded';
  banner.replaceChildren(
    el('b', { testid: 'health-status', text: healthy ? 'healthy' : 'degraded' }),
    el('span', { testid: 'health-reasons', text: healthy ? 'every channel with topics is connected' : reasons.join('; ') }));

  $('total-connected').textContent = `${health.connectedChannelCount ?? channels.filter(c => c.connected).length} / ${channels.length}`;
  $('total-topics').textContent = health.subscribedTopicCount ?? channels.reduce((sum, c) => sum + (c.topicCount ?? 0), 0);
  $('total-reconnects').textContent = health.totalReconnects ?? 0;
  $('total-replacements').textContent = health.totalReplacements ?? 0;
  $('listener-holder').textContent = listenerText(health.listener);
  $('health-updated').textContent = time(new Date().toISOString());

  heartbeats = new Map();
  $('channels-body').replaceChildren(...channels.map(channel => {
    heartbeats.set(String(channel.slot), channel.lastHeartbeatAt ?? channel.lastMessageAt ?? null);
    const state = stateName(channel.state);
    return el('tr', { testid: 'channel-row', 'data-slot': channel.slot, 'data-state': state.toLowerCase() },
      el('td', { testid: 'channel-slot', text: channel.slot }),
      el('td', { testid: 'channel-tag', class: 'channel-id', title: 'tag of the channel id (the id itself is a credential)' }, el('code', { text: channel.channelTag ?? '–' })),
      el('td', { testid: 'channel-state', text: state }),
      el('td', {}, el('span', {
        testid: 'channel-connected',
        class: `badge ${channel.connected ? 'ok' : 'bad'}`,
        'data-connected': channel.connected ? 'true' : 'false',
        text: channel.connected ? 'connected' : 'disconnected',
      })),
      el('td', { testid: 'channel-topics', class: 'num', text: channel.topicCount ?? 0 }),
      el('td', { testid: 'channel-heartbeat-age', class: 'num', title: time(channel.lastHeartbeatAt) }),
      el('td', { testid: 'channel-reconnects', class: 'num', text: channel.reconnectCount ?? 0 }),
      el('td', { testid: 'channel-replacements', class: 'num', text: channel.replacementCount ?? 0 }),
      el('td', { testid: 'channel-expires', text: time(channel.expiresAt) }),
      el('td', { testid: 'channel-renewal', text: time(channel.nextRenewalAt) }),
      el('td', { testid: 'channel-problem', class: 'problem', text: channel.lastProblem ?? '' }));
  }));
  if (!channels.length) $('channels-body').append(el('tr', {}, el('td', { colspan: 11, class: 'muted', text: 'No channel yet.' })));
  tickHeartbeats();

  $('rejected-topics').replaceChildren(...(rejected.length
    ? rejected.map(r => el('li', { testid: 'rejected-topic' }, el('code', { text: r.topic }), ' ', el('span', { class: 'muted', text: r.reason ?? '' })))
    : [el('li', { class: 'muted', text: 'none' })]));
  $('topics-over-capacity').replaceChildren(...(overCapacity.length
    ? overCapacity.map(topic => el('li', { testid: 'topic-over-capacity' }, el('code', { text: topic })))
    : [el('li', { class: 'muted', text: 'none' })]));
}

/** Moves every "heartbeat age" cell on, between polls. */
export function tickHeartbeats() {
  const now = Date.now();
  for (const row of document.querySelectorAll('[data-testid="channel-row"]')) {
    const age = ageSeconds(heartbeats.get(row.dataset.slot), now);
    const cell = row.querySelector('[data-testid="channel-heartbeat-age"]');
    cell.textContent = age === null ? '–' : `${age} s`;
    cell.dataset.seconds = age === null ? '' : String(age);
  }
}
