using Dapper;

namespace EventBridge.Pipeline.Storage;

/// <summary>
/// The filters of an operator's intent list as SQL conditions, the same on every engine; only how an instant and a
/// piece of text are written differs (SQLite keeps instants as text, PostgreSQL as timestamptz and refuses NUL).
/// </summary>
public static class IntentListConditions
{
    public static List<string> Add(IntentQuery query, DynamicParameters parameters, Func<DateTimeOffset, object> instant, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(parameters);
        var conditions = new List<string>();
        if (query.Status is { } status)
        {
            conditions.Add("status = @Status");
            parameters.Add("Status", status.ToString());
        }

        Exact("conversation_id", "ConversationId", query.ConversationId);
        Exact("failure_reason", "FailureReason", query.FailureReason);
        Exact("queue_id", "QueueId", query.QueueId);
        if (!string.IsNullOrWhiteSpace(query.Code))
        {
            conditions.Add("(requested_code = @Code OR code_id = @Code OR code_name = @Code)");
            parameters.Add("Code", text(query.Code.Trim()));
        }

        if (query.ReceivedFrom is { } from)
        {
            conditions.Add("received_at >= @ReceivedFrom");
            parameters.Add("ReceivedFrom", instant(from));
        }

        if (query.ReceivedTo is { } to)
        {
            conditions.Add("received_at < @ReceivedTo");
            parameters.Add("ReceivedTo", instant(to));
        }

        return conditions;

        void Exact(string column, string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            conditions.Add($"{column} = @{name}");
            parameters.Add(name, text(value.Trim()));
        }
    }
}
