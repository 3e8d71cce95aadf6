using EventBridge.Genesys.Simulator.Oracle;
using EventBridge.Pipeline.Storage;

namespace EventBridge.Bench;

/// <summary>
/// Diagnosis for the burst row (<c>--economy-trace PATH</c>): per conversation its prompt, ACW start, the oracle's
/// wrap-ups and the intent's journaled Genesys calls; beside it (<c>PATH.requests</c>) every call the simulator logged.
/// Times are seconds since the burst was published, so a tail can be read against what spent the budget before it.
/// </summary>
internal static class EconomyTrace
{
    public sealed record Case(string Prompt, string ConversationId, bool Disconnect, StoredIntent Final);

    public static async Task WriteAsync(string path, OracleSnapshot oracle, IIntentAttemptJournal journal, DateTimeOffset start, IEnumerable<Case> cases)
    {
        var lines = new List<string> { "prompt\tdisconnect\tstatus\tacw\twrap-ups (oracle)\tcalls (journal)" };
        foreach (var c in cases)
        {
            var wrapups = oracle.Wrapups.Where(w => w.ConversationId == c.ConversationId).Select(w => $"{w.Via}@{Seconds(w.At)}");
            var calls = (await journal.GetAsync(c.Final.IntentId)).Select(a => $"{a.Action}:{a.Outcome}:{a.HttpStatus}@{Seconds(a.At)}");
            var acw = c.Final.AcwStartedAt is { } at ? Seconds(at) : "-";
            lines.Add($"{c.Prompt}\t{c.Disconnect}\t{c.Final.Status}\t{acw}\t{string.Join(",", wrapups)}\t{string.Join(",", calls)}");
        }

        await File.WriteAllLinesAsync(path, lines);
        await File.WriteAllLinesAsync(path + ".requests", oracle.Requests.Select(r => $"{Seconds(r.At)}\t{r.Method}\t{r.Status}\t{r.Path}"));

        string Seconds(DateTimeOffset at) => (at - start).TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
    }
}
