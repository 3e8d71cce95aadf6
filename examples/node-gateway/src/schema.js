'use strict';

const { buildSchema } = require('graphql');

const schema = buildSchema(`
  enum TerminationStatus { APPLIED FAILED TIMED_OUT }

  type TerminationResult {
    "EventBridge's intent id: search its logs and outcome events with it."
    intentId: ID!
    status: TerminationStatus!
    "One of EventBridge's failure reasons (invalid-code, expired, ...) when FAILED."
    reason: String
    "The Genesys call that set the code when APPLIED (communication-wrapup, participant-patch, already-present)."
    appliedVia: String
    "The code as applied (its name) when APPLIED, else the code requested."
    wrapUpCode: String
  }

  type Query { health: String! }

  type Mutation {
    "Disconnects the agent and sets the wrap-up code once the agent is in after-call work."
    terminateConversation(id: ID!, wrapUpCode: String, notes: String): TerminationResult!
  }
`);

function rootValue(eventBridge, config) {
  return {
    health: () => 'ok',
    terminateConversation: async ({ id, wrapUpCode, notes }) => {
      const code = wrapUpCode || config.defaultWrapUpCode;
      if (!code) throw new Error('wrapUpCode is required (no DEFAULT_WRAPUP_CODE is configured)');
      const { intentId, result } = await eventBridge.terminate(
        { conversationId: id, wrapUpCode: code, notes, requestedBy: config.requestedBy },
        config.outcomeTimeoutMs,
      );
      if (!result) return { intentId, status: 'TIMED_OUT', wrapUpCode: code };
      const { kind, outcome } = result;
      if (kind === 'APPLIED')
        return { intentId, status: 'APPLIED', appliedVia: outcome.appliedVia, wrapUpCode: outcome.wrapUpCodeName || code };
      return { intentId, status: 'FAILED', reason: outcome.reason, wrapUpCode: code };
    },
  };
}

module.exports = { schema, rootValue };
