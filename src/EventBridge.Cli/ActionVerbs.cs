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

    /// <summary>"Only the letters that failed before …", validated here so a typo is a usage error, not a 400.</summary>
    public static Option<string?> FailedBefore()
    {
        var option = new Option<string?>("--failed-before")
        {
            Description = "Only the letters that failed before this time (ISO 8601 with its zone: 2026-12-01T00:00:00Z); give preview the same.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValue(option) is { } text && !IsInstantWithZone(text))
                result.AddError($"--failed-before must be an ISO 8601 time with its zone, such as 2026-12-01T00:00:00Z, not '{text}'.");
        });
        return option;
    }

    private static bool IsInstantWithZone(string text) =>
        (text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-') &&
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    private static Argument<long> LetterId() => new("letter-id") { Description = "The dead letter's number." };

    private static Option<int> Expect() => new("--expect")
    {
        Description = "The count preview showed: if the group has changed since, nothing is done (exit 3) and the count now is shown.",
        Required = true,
    };

    private static Verb Retry()
    {
        var id = LetterId();
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
        var id = LetterId();
        var comment = Comment();
        var command = new Command(name, description) { id, comment };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.PostAsync($"api/dead-letters/{context.Parsed.GetValue(id)}/{path}", new { comment = context.Parsed.GetValue(comment) }, ct);
            return context.Print(answer, doing, letter => context.Output.Table(Views.LetterHeaders, [Views.Letter(letter)]));
        });
    }

    private static Verb RetryGroup()
    {
        var reason = new Argument<string>("reason") { Description = "The failure reason of the group." };
        var expect = Expect();
        var comment = Comment();
        var wait = new Option<bool>("--wait") { Description = "Follow the paced retry until it is done, printing its progress." };
        var failedBefore = FailedBefore();
        var command = new Command("retry-group",
            "Retries every Open letter of a reason, paced inside the request budget (applies keep priority), if the count still equals --expect.")
            { reason, expect, comment, wait, failedBefore };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.PostAsync($"api/dead-letters/groups/{Uri.EscapeDataString(context.Parsed.GetValue(reason)!)}/retry",
                new { expectedCount = context.Parsed.GetValue(expect), comment = context.Parsed.GetValue(comment), failedBefore = context.Parsed.GetValue(failedBefore) }, ct);
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
        var reason = new Argument<string>("reason") { Description = "The failure reason of the group." };
        var expect = Expect();
        var comment = Comment();
        var failedBefore = FailedBefore();
        var command = new Command("discard-group", "Archives every Open letter of a reason (that failed before --failed-before), if the count still equals --expect.")
            { reason, expect, comment, failedBefore };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.PostAsync($"api/dead-letters/groups/{Uri.EscapeDataString(context.Parsed.GetValue(reason)!)}/discard",
                new { expectedCount = context.Parsed.GetValue(expect), comment = context.Parsed.GetValue(comment), failedBefore = context.Parsed.GetValue(failedBefore) }, ct);
            return context.Print(answer, "Discarding the group", result => context.Output.Line(
                $"Discarded {result.Text("discarded")} of {result.Text("matching")} Open letter(s) of reason {result.Text("reason")}."));
        });
    }

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
