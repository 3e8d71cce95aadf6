using System.Globalization;
using System.Text.Json;
using EventBridge.Contracts;

namespace EventBridge.Demo;

/// <summary>A readable summary: each scripted intent, what was expected, what EventBridge reported, what Genesys recorded.</summary>
public static class DemoReport
{
    public static bool Print(IReadOnlyList<(DemoCase Case, string ConversationId, object? Outcome)> results, JsonElement oracle)
    {
        var wrapups = oracle.GetProperty("wrapups").EnumerateArray().ToList();
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-46} {"code",-13} {"expected",-27} {"outcome",-27} {"via / detail",-24} genesys shows");
        var matches = 0;
        foreach (var (demoCase, conversationId, outcome) in results)
        {
            var (actual, detail) = outcome switch
            {
                WrapUpApplied done => ("applied", $"{done.AppliedVia} {done.Latency.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"),
                WrapUpFailed failed => ($"failed: {failed.Reason}", Shorten(failed.Detail)),
                _ => ("no outcome in 30 s", ""),
            };
            var recorded = wrapups.Where(w => w.GetProperty("conversationId").GetString() == conversationId)
                .Select(w => $"{w.GetProperty("codeName").GetString()} ({w.GetProperty("via").GetString()})").ToList();
            if (actual == demoCase.Expected) matches++;
            Console.WriteLine($"{demoCase.Name,-46} {demoCase.Code,-13} {demoCase.Expected,-27} {actual,-27} {detail,-24} {(recorded.Count == 0 ? "no wrap-up" : string.Join(", ", recorded))}");
        }

        var expectedApplied = results.Count(r => r.Case.Expected == "applied");
        var applied = results.Count(r => r.Outcome is WrapUpApplied && r.Case.Expected == "applied");
        Console.WriteLine();
        Console.WriteLine($"applied {applied} of {expectedApplied}; {matches} of {results.Count} intents ended as expected" +
                          (matches == results.Count ? "." : " — see the rows above."));
        return matches == results.Count;
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..23] + "…";
}
