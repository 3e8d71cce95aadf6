using System.CommandLine;
using System.Text.Json;

namespace EventBridge.Cli;

/// <summary>
/// Verbs that change something: they need a key of role support, and every one is written to support's audit under
/// the key's name, with the --comment given.
/// </summary>
internal static class ActionVerbs
{
    private static readonly TimeSpan ProgressPoll = TimeSpan.FromSeconds(1);

    public static IEnumerable<Verb> All()
    {
        yield return Retry();
        yield return LetterAction("discard", "Archives an Open letter without retrying it (restore brings it back).", "discard", "Discarding");
        yield return LetterAction("restore", "Brings an archived letter back to Open.", "restore", "Restoring");
        yield return RetryGroup();
        yield return DiscardGroup();
    }

    private static Option<string?> Comment() => new("--comment") { Description = "Why, for support's audit." };

    private static Option<int> Expect() => new("--expect")
    {
        Description = "The count preview showed: if the group has changed since, nothing is done (exit 3) and the count now is shown.",
        Required = true,
    };

    private static Verb Retry()
    {
        var id = VerbArguments.LetterId();
        var code = new Option<string?>("--code") { Description = "Retry with this wrap-up code (name or id) instead of the one asked for." };
        var notes = new Option<string?>("--notes") { Description = "Retry with these notes instead." };
        var comment = Comment();
        var command = new Command("retry", "Sends an Open letter's intent again as a new intent (only where a retry can change the outcome).") { id, code, notes, comment };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.PostAsync($"api/dead-letters/{context.Parsed.GetValue(id)}/retry", new
            {
                wrapUpCode = context.Parsed.GetValue(code),
                notes = context.Parsed.GetValue(notes),
                comment = context.Parsed.GetValue(comment),
            }, ct);
            return context.Print(answer, "Retrying", retried => context.Output.Line(
                $"Letter {retried.Text("deadLetterId")} retried as intent {retried.Text("retriedAsIntentId")} (eventbridge show {retried.Text("retriedAsIntentId")})."));
        });
    }

    private static Verb LetterAction(string name, string description, string path, string doing)
    {
        var id = VerbArguments.LetterId();
        var comment = Comment();
        var command = new Command(name, description) { id, comment };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.PostAsync($"api/dead-letters/{context.Parsed.GetValue(id)}/{path}", new { comment = context.Parsed.GetValue(comment) }, ct);
            return context.Print(answer, doing, letter => context.Output.Table(Views.LetterHeaders, [Views.Letter(letter, default)]));
        });
    }

    private static Verb RetryGroup()
    {
        var reason = VerbArguments.Reason();
        var expect = Expect();
        var comment = Comment();
        var wait = new Option<bool>("--wait") { Description = "Follow the paced retry until it is done, printing its progress." };
        var failedBefore = VerbArguments.FailedBefore();
        var command = new Command("retry-group",
            "Retries every Open letter of a reason, paced inside the request budget (applies keep priority), if the count still equals --expect.")
            { reason, expect, comment, wait, failedBefore };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await PostGroupAsync(context, "retry", reason, expect, comment, failedBefore, ct);
            if (!answer.IsOk) return context.Output.Fail(answer, "Retrying the group");
            var progress = answer.Json;
            if (context.Parsed.GetValue(wait)) progress = await FollowAsync(context, progress, ct);
            if (context.Output.Format == OutputFormat.Json) context.Output.Json(progress);
            else ProgressLine(context.Output, progress);
            return progress.Text("state") == "Stopped" ? ExitCodes.Unavailable : ExitCodes.Ok;
        });
    }

    private static Verb DiscardGroup()
    {
        var reason = VerbArguments.Reason();
        var expect = Expect();
        var comment = Comment();
        var failedBefore = VerbArguments.FailedBefore();
        var command = new Command("discard-group", "Archives every Open letter of a reason (that failed before --failed-before), if the count still equals --expect.")
            { reason, expect, comment, failedBefore };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await PostGroupAsync(context, "discard", reason, expect, comment, failedBefore, ct);
            return context.Print(answer, "Discarding the group", result => context.Output.Line(
                $"Discarded {result.Text("discarded")} of {result.Text("matching")} Open letter(s) of reason {result.Text("reason")}."));
        });
    }

    // Both group actions send what the preview was given (reason, filter) and the count it answered.
    private static Task<ApiAnswer> PostGroupAsync(VerbContext context, string action, Argument<string> reason, Option<int> expect,
        Option<string?> comment, Option<string?> failedBefore, CancellationToken ct) =>
        context.Api.PostAsync($"api/dead-letters/groups/{Uri.EscapeDataString(context.Parsed.GetValue(reason)!)}/{action}",
            new { expectedCount = context.Parsed.GetValue(expect), comment = context.Parsed.GetValue(comment), failedBefore = context.Parsed.GetValue(failedBefore) }, ct);

    // The job runs in the worker whether or not anyone watches; following it only reads its progress once a second.
    private static async Task<JsonElement> FollowAsync(VerbContext context, JsonElement progress, CancellationToken ct)
    {
        var path = $"api/dead-letters/group-retries/{progress.Text("jobId")}";
        var last = "";
        while (progress.Text("state") == "Running")
        {
            if (context.Output.Format == OutputFormat.Table && ProgressText(progress) is var text && text != last)
            {
                context.Output.Line(text);
                last = text;
            }

            await Task.Delay(ProgressPoll, ct);
            var answer = await context.Api.GetAsync(path, ct);
            if (!answer.IsOk)
            {
                context.Output.Fail(answer, "Following the group retry");
                return progress;
            }

            progress = answer.Json;
        }

        return progress;
    }

    private static void ProgressLine(CliOutput output, JsonElement progress)
    {
        output.Line(ProgressText(progress));
        foreach (var skipped in progress.Items("skipped"))
            output.Line($"  skipped letter {skipped.Text("deadLetterId")}: {skipped.Text("problem")}");
    }

    private static string ProgressText(JsonElement progress) =>
        $"Group retry {progress.Text("jobId")} of {progress.Text("reason")}: {progress.Text("state")}, retried {progress.Text("retried")} of {progress.Text("total")}" +
        (progress.Text("waitingForBudget") == "true" ? ", waiting for the request budget" : "");
}
