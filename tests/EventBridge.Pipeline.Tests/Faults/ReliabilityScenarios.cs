namespace EventBridge.Pipeline.Tests.Faults;

/// <summary>
/// Base of the fixtures whose tests are the rows of docs/RELIABILITY.md. A test that started and recorded no row — it
/// threw (a lost intent, a publish that failed) or broke an assertion first — still becomes a row, marked as not
/// finished with what failed: the document never says "held in N of N" over scenarios that did not get that far.
/// </summary>
public abstract class ReliabilityScenarios
{
    [TearDown]
    public void RecordWhatDidNotFinish()
    {
        var test = TestContext.CurrentContext.Test;
        if (ReliabilityTable.Ran(test.ID)) return;
        var result = TestContext.CurrentContext.Result;
        var message = (result.Message ?? "").ReplaceLineEndings(" ").Trim();
        ReliabilityTable.Record(ReliabilityRow.DidNotFinish(test.Name,
            $"{result.Outcome.Status}{(message.Length == 0 ? " without recording its row" : ": " + (message.Length > 300 ? message[..300] + "…" : message))}"));
    }
}
