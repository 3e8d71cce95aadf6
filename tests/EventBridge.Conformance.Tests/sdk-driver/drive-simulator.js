'use strict';

// Drives the EventBridge Genesys simulator with the official Genesys Cloud JS SDK (purecloud-platform-client-v2).
// Usage: node drive-simulator.js <plan.json>
// Writes one JSON line per step to stdout: {"step", "ok", "status", "summary", "body"}, body being the answer as the
// SDK parsed it (the C# test checks its shape against the SDK's models in index.d.ts). A failing step is reported, not
// thrown: the process exits 0 after all steps and the C# test judges. Exit 2 only when the plan cannot be read.
// Secrets never reach stdout: error output carries only the HTTP status and the response body, because the SDK's
// error objects hold the request headers (Basic credentials, bearer token).

const fs = require('fs');
const platformClient = require('purecloud-platform-client-v2');

function readPlan() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node drive-simulator.js <plan.json>\n');
    process.exit(2);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// Which SDK function the current step called ("ConversationsApi.getConversation"), so the C# test looks up its
// declared answer type in index.d.ts instead of this file naming it.
let sdkFunction = null;

function recording(api, name) {
  return new Proxy(api, {
    get(target, property) {
      const value = target[property];
      if (typeof value !== 'function') return value;
      return (...args) => {
        sdkFunction = `${name}.${String(property)}`;
        return value.apply(target, args);
      };
    },
  });
}

function emit(step, ok, status, summary, body) {
  process.stdout.write(JSON.stringify({ step, ok, status, summary, body: body ?? null, sdkFunction }) + '\n');
}

// With extended responses the SDK resolves {status, body} and rejects {status, body, error}; other failures
// (connection refused, a thrown string for a missing parameter) have no status.
function describeFailure(error) {
  if (error && typeof error === 'object' && 'status' in error) {
    return { status: error.status ?? null, summary: { body: error.body ?? null }, body: error.body ?? null };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: null, summary: { message }, body: null };
}

async function step(name, call, summarize) {
  sdkFunction = null;
  try {
    const response = await call();
    emit(name, true, response && 'status' in response ? response.status : null, summarize(response), response ? response.body : null);
  } catch (error) {
    const failure = describeFailure(error);
    emit(name, false, failure.status, failure.summary, failure.body);
  }
}

const topicStates = (r) => ({ entities: (r.body.entities || []).map((e) => ({ id: e.id, state: e.state })) });
const codeIds = (codes) => (codes || []).map((c) => ({ id: c.id, name: c.name }));

function genericParticipants(conversation) {
  return (conversation.participants || []).map((p) => ({
    id: p.id,
    purpose: p.purpose,
    userId: p.userId ?? null,
    queueId: p.queueId ?? null,
    wrapupRequired: p.wrapupRequired ?? null,
    startAcwTime: p.startAcwTime ?? null,
    messages: (p.messages || []).map((m) => ({
      id: m.id,
      state: m.state,
      afterCallWorkState: m.afterCallWork ? m.afterCallWork.state : null,
    })),
  }));
}

function messageParticipants(conversation) {
  return (conversation.participants || []).map((p) => ({
    id: p.id,
    purpose: p.purpose,
    state: p.state,
    userId: p.user ? p.user.id : null,
    queueId: p.queue ? p.queue.id : null,
  }));
}

async function main() {
  const plan = readPlan();
  const client = platformClient.ApiClient.instance;
  client.setGateway(plan.gateway);
  client.setReturnExtendedResponses(true);

  const notifications = recording(new platformClient.NotificationsApi(), 'NotificationsApi');
  const conversations = recording(new platformClient.ConversationsApi(), 'ConversationsApi');
  const routing = recording(new platformClient.RoutingApi(), 'RoutingApi');
  const a = plan.conversationA;
  const b = plan.conversationB;
  let channelId = '';

  try {
    const auth = await client.loginClientCredentialsGrant(plan.clientId, plan.clientSecret);
    // The SDK hides the token answer's status; a resolved login means 2xx.
    emit('login', true, null, {
      hasAccessToken: typeof auth.accessToken === 'string' && auth.accessToken.length > 0,
      expiresInSeconds: Math.round((auth.tokenExpiryTime - Date.now()) / 1000),
    });
  } catch (error) {
    const failure = describeFailure(error && error.response ? { status: error.response.status, body: error.response.data } : error);
    emit('login', false, failure.status, failure.summary);
  }

  await step('createChannel', () => notifications.postNotificationsChannels(), (r) => {
    channelId = r.body.id;
    return { id: r.body.id, connectUri: r.body.connectUri, expires: r.body.expires ?? null };
  });
  await step('putSubscriptions',
    () => notifications.putNotificationsChannelSubscriptions(channelId, plan.putTopics.map((id) => ({ id })), { ignoreErrors: true }),
    topicStates);
  await step('postSubscriptions',
    () => notifications.postNotificationsChannelSubscriptions(channelId, [{ id: plan.addedTopic }]),
    topicStates);
  await step('getSubscriptions', () => notifications.getNotificationsChannelSubscriptions(channelId), topicStates);
  await step('headChannel', () => notifications.headNotificationsChannel(channelId), () => ({ channelId }));
  await step('getChannels', () => notifications.getNotificationsChannels(),
    (r) => ({ ids: (r.body.entities || []).map((c) => c.id) }));
  await step('getAvailableTopics',
    () => notifications.getNotificationsAvailabletopics({ expand: ['requiresPermissions', 'permissionDetails'] }),
    (r) => ({ ids: (r.body.entities || []).map((t) => t.id) }));

  await step('getConversation', () => conversations.getConversation(a.conversationId),
    (r) => ({ id: r.body.id, participants: genericParticipants(r.body) }));
  await step('getMessageConversation', () => conversations.getConversationsMessage(a.conversationId),
    (r) => ({ id: r.body.id, participants: messageParticipants(r.body) }));
  await step('getParticipantWrapupCodes',
    () => conversations.getConversationsMessageParticipantWrapupcodes(a.conversationId, a.participantId),
    (r) => ({ codes: codeIds(r.body) }));
  await step('findWrapupCodeByName', () => routing.getRoutingWrapupcodes({ name: plan.codeName }),
    (r) => ({ codes: codeIds(r.body.entities) }));
  await step('getQueueWrapupCodes', () => routing.getRoutingQueueWrapupcodes(plan.queueId),
    (r) => ({ codes: codeIds(r.body.entities) }));
  await step('getWrapupCode', () => routing.getRoutingWrapupcode(plan.codeId), (r) => ({ codes: codeIds([r.body]) }));
  await step('getQueues', () => routing.getRoutingQueues({ pageSize: 25 }),
    (r) => ({ queues: (r.body.entities || []).map((q) => ({ id: q.id, name: q.name })) }));
  await step('getQueue', () => routing.getRoutingQueue(plan.queueId), (r) => ({ id: r.body.id, name: r.body.name }));

  await step('postCommunicationWrapup',
    () => conversations.postConversationsMessageParticipantCommunicationWrapup(
      a.conversationId, a.participantId, a.communicationId, { body: { code: plan.codeId, notes: plan.notes } }),
    () => ({ conversationId: a.conversationId }));
  await step('patchParticipantWrapup',
    () => conversations.patchConversationsMessageParticipant(
      b.conversationId, b.participantId, { body: { wrapup: { code: plan.codeId } } }),
    () => ({ conversationId: b.conversationId }));

  // The disconnect calls, one connected conversation each (the simulator serves every one of them).
  const d = plan.toDisconnect;
  await step('patchConversationDisconnect',
    () => conversations.patchConversationsMessage(d.conversation.conversationId, { state: 'disconnected' }),
    (r) => ({ id: r.body.id }));
  await step('patchParticipantDisconnect',
    () => conversations.patchConversationsMessageParticipant(
      d.participant.conversationId, d.participant.participantId, { body: { state: 'disconnected' } }),
    () => ({ conversationId: d.participant.conversationId }));
  await step('patchGenericParticipantDisconnect',
    () => conversations.patchConversationParticipant(
      d.genericParticipant.conversationId, d.genericParticipant.participantId, { state: 'disconnected' }),
    () => ({ conversationId: d.genericParticipant.conversationId }));
  await step('postRecoveryDisconnect', () => conversations.postConversationDisconnect(d.recovery.conversationId),
    () => ({ conversationId: d.recovery.conversationId }));
  await step('deleteConversation', () => conversations.deleteConversation(d.deleted.conversationId),
    () => ({ conversationId: d.deleted.conversationId }));
  // On a channel of its own: the test still reads the first channel's topics afterwards.
  await step('deleteSubscriptions', async () => {
    const spare = await notifications.postNotificationsChannels();
    await notifications.postNotificationsChannelSubscriptions(spare.body.id, [{ id: plan.addedTopic }]);
    return notifications.deleteNotificationsChannelSubscriptions(spare.body.id);
  }, () => ({}));

  // Expected to fail: the test checks that the SDK surfaces the simulator's 404 and Genesys error body.
  await step('getUnknownConversation', () => conversations.getConversation(plan.unknownConversationId),
    (r) => ({ id: r.body.id }));
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`driver failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
