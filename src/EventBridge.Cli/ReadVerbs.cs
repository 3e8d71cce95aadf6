using System.CommandLine;

namespace EventBridge.Cli;

/// <summary>Verbs that only read: any role's key will do.</summary>
internal static class ReadVerbs
{
    public static IEnumerable<Verb> All()
    {
        yield return Search();
        yield return Show();
        yield return Intents();
        yield return Letters();
        yield return Letter();
        yield return Codes();
        yield return Preview();
    }

    private static Verb Search()
    {
        var term = new Argument<string>("term") { Description = "A conversation id, intent id, participant id or wrap-up code, exactly." };
        var command = new Command("search", "Every intent and dead letter for an id or a code.") { term };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.GetAsync($"api/search?q={Uri.EscapeDataString(context.Parsed.GetValue(term)!)}", ct);
            if (!answer.IsOk) return context.Output.Fail(answer, "Searching");
            var intents = answer.Json.Items("intents").Select(story => story.GetProperty("intent")).ToList();
            var letters = answer.Json.Items("lettersWithoutIntent").ToList();
            // Nothing found is exit 2 in either format, so a script can branch on it without reading the output.
            var found = intents.Count + letters.Count > 0 ? ExitCodes.Ok : ExitCodes.NotFound;
            if (context.Output.Format == OutputFormat.Json)
            {
                context.Output.Json(answer.Json);
                return found;
            }

            if (found == ExitCodes.NotFound)
            {
                context.Output.Line($"Nothing found for {context.Parsed.GetValue(term)}.");
                return found;
            }

            if (intents.Count > 0) context.Output.Table(Views.IntentHeaders, intents.Select(Views.Intent));
            if (letters.Count > 0)
            {
                context.Output.Line("Dead letters without a stored intent:");
                context.Output.Table(Views.LetterHeaders, letters.Select(letter => Views.Letter(letter, default)));
            }

            return ExitCodes.Ok;
        });
    }

    private static Verb Show()
    {
        var intentId = new Argument<Guid>("intent-id") { Description = "The intent's id." };
        var command = new Command("show", "One intent's whole story: received, each Genesys call and its answer, the outcome, letters, retries, support's actions.") { intentId };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.GetAsync($"api/intents/{context.Parsed.GetValue(intentId)}/story", ct);
            return context.Print(answer, "Reading the story", story =>
            {
                context.Output.Table(Views.IntentHeaders, [Views.Intent(story.GetProperty("intent"))]);
                context.Output.Line("");
                context.Output.Table(Views.StoryHeaders, story.Items("timeline").Select(step => Views.StoryEvent(step, story.CodeNames())));
            });
        });
    }

    private static Verb Intents()
    {
        string[] filters = ["status", "reason", "code", "queue", "conversation-id", "from", "to"];
        var options = filters.Select(name => new Option<string?>($"--{name}")
        {
            Description = name switch
            {
                "status" => "Pending, Applying, Applied or Failed.",
                "code" => "The code as asked for, its id or its name.",
                "queue" => "The agent's queue id.",
                "from" => "Received at or after (ISO 8601 with its zone: 2026-12-07T09:00:00Z).",
                "to" => "Received before (exclusive).",
                _ => $"Only intents with this {name.Replace('-', ' ')}.",
            },
        }).ToList();
        var limit = new Option<int?>("--limit") { Description = "At most this many (1–500, default 50)." };
        var before = new Option<string?>("--before") { Description = "The 'next' cursor a previous page printed." };
        var command = new Command("intents", "Intents, newest first, filtered; pages with --before.");
        foreach (var option in options) command.Options.Add(option);
        command.Options.Add(limit);
        command.Options.Add(before);
        return new Verb(command, async (context, ct) =>
        {
            var query = new List<string>();
            foreach (var option in options)
                if (context.Parsed.GetValue(option) is { Length: > 0 } value)
                    query.Add($"{(option.Name == "--conversation-id" ? "conversationId" : option.Name.TrimStart('-'))}={Uri.EscapeDataString(value)}");
            if (context.Parsed.GetValue(limit) is { } l) query.Add($"limit={l}");
            if (context.Parsed.GetValue(before) is { Length: > 0 } b) query.Add($"before={Uri.EscapeDataString(b)}");
            var answer = await context.Api.GetAsync($"api/intents?{string.Join('&', query)}", ct);
            return context.Print(answer, "Listing intents", page =>
            {
                context.Output.Table(Views.IntentHeaders, page.Items("items").Select(Views.Intent));
                if (page.Text("next") is { } next) context.Output.Line($"More: --before '{next}'");
            });
        });
    }

    private static Verb Letters()
    {
        var reason = new Option<string?>("--reason") { Description = "Only letters of this reason (invalid-code, not-permitted, …)." };
        var status = new Option<string?>("--status") { Description = "Open (the default), Retried or Archived." };
        var limit = new Option<int?>("--limit") { Description = "At most this many, newest first." };
        var command = new Command("letters", "Dead letters, newest first.") { reason, status, limit };
        return new Verb(command, async (context, ct) =>
        {
            var query = new List<string> { $"status={Uri.EscapeDataString(context.Parsed.GetValue(status) ?? "Open")}" };
            if (context.Parsed.GetValue(reason) is { Length: > 0 } r) query.Add($"reason={Uri.EscapeDataString(r)}");
            if (context.Parsed.GetValue(limit) is { } l) query.Add($"limit={l}");
            var answer = await context.Api.GetAsync($"api/dead-letters?{string.Join('&', query)}", ct);
            return context.Print(answer, "Listing dead letters", page => context.Output.Table(Views.LetterHeaders, page.Items("items").Select(letter => Views.Letter(letter, page.CodeNames()))));
        });
    }

    private static Verb Letter()
    {
        var id = VerbArguments.LetterId();
        var command = new Command("letter", "One dead letter: why it failed, who said so, and what support can do about it.") { id };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.GetAsync($"api/dead-letters/{context.Parsed.GetValue(id)}", ct);
            return context.Print(answer, "Reading the letter", details =>
            {
                var advice = details.GetProperty("advice");
                context.Output.Table(Views.LetterHeaders, [Views.Letter(details.GetProperty("deadLetter"), details.CodeNames())]);
                context.Output.Line("");
                context.Output.Line($"{advice.Text("title")}");
                context.Output.Line($"What happened: {advice.Text("whatHappened")}");
                context.Output.Line($"What to do: {advice.Text("whatToDo")}");
                context.Output.Line($"Retry: {advice.Text("retry") switch { "AsIs" => "yes, as it is", "WithEdit" => "only with another code (eventbridge retry --code)", _ => "no: a retry cannot change the outcome" }}");
            });
        });
    }

    private static Verb Codes()
    {
        var id = VerbArguments.LetterId();
        var command = new Command("codes", "The wrap-up codes a retry of this letter may use (--code): its agent's queue's, else the org's.") { id };
        return new Verb(command, async (context, ct) =>
        {
            var answer = await context.Api.GetAsync($"api/dead-letters/{context.Parsed.GetValue(id)}/codes", ct);
            return context.Print(answer, "Reading the codes", choices =>
            {
                context.Output.Line($"{choices.Text("note")}");
                context.Output.Table(["name", "id", "from"], choices.Items("codes").Select(code => new[] { code.Text("name"), code.Text("id"), choices.Text("scope") }));
            });
        });
    }

    private static Verb Preview()
    {
        var reason = VerbArguments.Reason();
        var failedBefore = VerbArguments.FailedBefore();
        var command = new Command("preview", "How many Open letters a group action would change: give it to retry-group or discard-group as --expect.")
            { reason, failedBefore };
        return new Verb(command, async (context, ct) =>
        {
            var filter = context.Parsed.GetValue(failedBefore) is { } before ? $"?failedBefore={Uri.EscapeDataString(before)}" : "";
            var answer = await context.Api.GetAsync($"api/dead-letters/groups/{Uri.EscapeDataString(context.Parsed.GetValue(reason)!)}/preview{filter}", ct);
            return context.Print(answer, "Previewing the group", preview => context.Output.Line(
                $"{preview.Text("matching")} Open letter(s) of reason {preview.Text("reason")}{(preview.Text("failedBefore") is { } before ? $" that failed before {before}" : "")}."));
        });
    }
}
