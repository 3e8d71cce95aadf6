namespace EventBridge.Genesys.Tests.Models;

/// <summary>Realistic payloads, shaped after the SDK models (with fields EventBridge ignores, to prove tolerance).</summary>
internal static class Payloads
{
    public const string ConversationInAcw = """
    {
      "id": "conv-1",
      "startTime": "2026-01-01T08:00:00.000Z",
      "participants": [
        {
          "id": "cust-p", "purpose": "customer", "startTime": "2026-01-01T08:00:00.000Z",
          "messages": [ { "id": "cust-m", "state": "disconnected", "type": "webmessaging" } ]
        },
        {
          "id": "agent-p", "purpose": "agent", "userId": "user-1", "queueId": "queue-1", "queueName": "Support",
          "participantType": "Internal",
          "wrapupRequired": true, "wrapupPrompt": "mandatory", "wrapupTimeoutMs": 60000,
          "startAcwTime": "2026-01-01T08:10:00.000Z",
          "conversationRoutingData": { "priority": 0, "skills": [] },
          "someFutureField": { "nested": [1, 2, 3] },
          "messages": [
            {
              "id": "agent-m", "state": "disconnected", "initialState": "alerting", "direction": "inbound",
              "disconnectType": "client", "disconnectedTime": "2026-01-01T08:10:00.000Z", "provider": "PureCloud Messaging",
              "type": "webmessaging", "recipientType": "neverHeardOfThis",
              "afterCallWork": { "state": "pending", "startTime": "2026-01-01T08:10:00.000Z" },
              "afterCallWorkRequired": true,
              "segments": [ { "startTime": "2026-01-01T08:00:00.000Z", "type": "Interact" } ]
            }
          ]
        }
      ],
      "recordingState": "none",
      "divisions": [ { "division": { "id": "div-1" }, "entities": [] } ],
      "selfUri": "/api/v2/conversations/conv-1"
    }
    """;

    public const string MessageConversationWrappedUp = """
    {
      "id": "conv-1",
      "participants": [
        {
          "id": "agent-p", "name": "Agent Smith", "purpose": "agent", "state": "disconnected",
          "direction": "inbound", "disconnectType": "client", "held": false,
          "wrapupRequired": true, "wrapupPrompt": "optional", "wrapupTimeoutMs": 30000, "wrapupSkipped": false,
          "user": { "id": "user-1", "name": "Agent Smith", "selfUri": "/api/v2/users/user-1" },
          "queue": { "id": "queue-1", "selfUri": "/api/v2/routing/queues/queue-1" },
          "wrapup": { "code": "code-1", "name": "QA_Review", "notes": "done", "tags": ["x"], "durationSeconds": 12,
                      "endTime": "2026-01-01T08:11:00.000Z", "provisional": false },
          "startAcwTime": "2026-01-01T08:10:00.000Z", "endAcwTime": "2026-01-01T08:11:00.000Z",
          "toAddress": { "name": "x" }, "messages": [ { "messageId": "m1" } ]
        }
      ],
      "otherMediaUris": []
    }
    """;

    public const string AcwDetailEventEnvelope = """
    {
      "topicName": "v2.detail.events.conversation.conv-1.acw",
      "version": "2",
      "eventBody": {
        "eventTime": 1767255060000, "conversationId": "conv-1", "participantId": "agent-p", "sessionId": "agent-m",
        "mediaType": "MESSAGE", "provider": "PureCloud Messaging", "direction": "INBOUND", "messageType": "WEBMESSAGING",
        "userId": "user-1", "queueId": "queue-1", "wrapupCode": "code-1", "wrapupNotes": "n", "wrapupDurationMs": 12000,
        "conversationExternalContactIds": []
      },
      "metadata": { "CorrelationId": "corr-1" }
    }
    """;
}
