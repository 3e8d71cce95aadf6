using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventBridge.Contracts;
using Json.Schema;
using MassTransit.Serialization;

namespace EventBridge.Worker.Tests.Contracts;

/// <summary>
/// docs/schemas/v1 is what non-.NET publishers and consumers code against. A real JSON Schema validator (JsonSchema.Net,
/// formats enforced) checks them against the docs' samples, against what the worker's own serializer writes for each
/// contract, and against the bad cases they exist to catch; the property lists are compared with the records.
/// </summary>
public sealed partial class When_messages_are_checked_against_the_published_schemas
{
    private static readonly Dictionary<string, JsonSchema> Schemas = new[] { "wrapup-intent", "wrapup-accepted", "wrapup-applied", "wrapup-failed" }
        .ToDictionary(name => name, name => JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "schemas", "v1", $"{name}.schema.json"))));

    private static readonly EvaluationOptions Strict = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    private static readonly (string Schema, Type Contract)[] Contracts =
    [
        ("wrapup-intent", typeof(WrapUpIntent)), ("wrapup-accepted", typeof(WrapUpAccepted)),
        ("wrapup-applied", typeof(WrapUpApplied)), ("wrapup-failed", typeof(WrapUpFailed)),
    ];

    [TestCase("intent", "wrapup-intent")]
    [TestCase("applied", "wrapup-applied")]
    [TestCase("failed", "wrapup-failed")]
    [TestCase("accepted", "wrapup-accepted")]
    public void Should_accept_the_sample_of_the_docs(string sample, string schema)
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "raw-json-intents.md"));
        var block = Regex.Match(markdown, $@"<!-- sample-{sample} -->\s*```json\s*(?<json>\{{.*?\}})\s*```", RegexOptions.Singleline);
        Assert.That(block.Success, Is.True, $"docs/raw-json-intents.md has no ```json block after <!-- sample-{sample} -->");

        Assert.That(Problems(schema, block.Groups["json"].Value), Is.Empty);
    }

    [TestCaseSource(nameof(Contracts))]
    public void Should_accept_each_example_of_the_schema((string Schema, Type Contract) pair)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "schemas", "v1", $"{pair.Schema}.schema.json")));

        foreach (var example in document.RootElement.GetProperty("examples").EnumerateArray())
            Assert.That(Problems(pair.Schema, example.GetRawText()), Is.Empty, example.GetRawText());
    }

    [Test]
    public void Should_accept_what_the_worker_serializer_writes_for_each_outcome()
    {
        var intentId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        object[] outcomes =
        [
            new WrapUpAccepted { IntentId = intentId, ConversationId = "c-1", WrapUpCodeId = "code-1", WrapUpCodeName = "QA_Review", AcceptedAt = now },
            new WrapUpAccepted { IntentId = intentId, ConversationId = "c-1", WrapUpCodeId = "code-1", WrapUpCodeName = "QA_Review", ReplacedIntentId = Guid.NewGuid(), AcceptedAt = now },
            new WrapUpApplied
            {
                IntentId = intentId, ConversationId = "c-1", ParticipantId = "p-1", WrapUpCodeId = "code-1", WrapUpCodeName = "QA_Review",
                AppliedVia = WrapUpCalls.ParticipantPatch, Latency = TimeSpan.FromMilliseconds(1234.5678), AppliedAt = now,
            },
            new WrapUpApplied
            {
                IntentId = intentId, ConversationId = "c-1", ParticipantId = "p-1", WrapUpCodeId = "code-1", WrapUpCodeName = "QA_Review",
                AppliedVia = WrapUpCalls.AlreadyPresent, Latency = TimeSpan.FromDays(1.5), AppliedAt = now,
            },
            new WrapUpFailed { IntentId = intentId, ConversationId = "c-1", Reason = WrapUpFailureReasons.Expired, Detail = "no ACW before the deadline", FailedAt = now },
        ];

        foreach (var outcome in outcomes)
        {
            // MassTransit's own options: what a raw consumer finds under "message".
            var json = JsonSerializer.Serialize(outcome, outcome.GetType(), SystemTextJsonMessageSerializer.Options);
            Assert.That(Problems(SchemaOf(outcome.GetType()), json), Is.Empty, json);
        }
    }

    [TestCase("wrapup-intent", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","wrapUpCode":"QA_Review"}""", "conversationId")]
    [TestCase("wrapup-intent", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","conversationId":"c-1","wrapupCode":"QA_Review"}""", "wrapupCode")]
    [TestCase("wrapup-intent", """{"intentId":"not-a-uuid","conversationId":"c-1","wrapUpCode":"QA_Review"}""", "intentId")]
    [TestCase("wrapup-intent", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","conversationId":"c-1","wrapUpCode":"QA_Review","deadline":"tomorrow"}""", "deadline")]
    [TestCase("wrapup-failed", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","conversationId":"c-1","reason":"timeout","detail":"","failedAt":"2026-11-25T13:02:00Z"}""", "reason")]
    [TestCase("wrapup-applied", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","conversationId":"c-1","participantId":"p","wrapUpCodeId":"x","wrapUpCodeName":"x","appliedVia":"magic","latency":"00:00:01","appliedAt":"2026-11-25T13:02:00Z"}""", "appliedVia")]
    [TestCase("wrapup-applied", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","conversationId":"c-1","participantId":"p","wrapUpCodeId":"x","wrapUpCodeName":"x","appliedVia":"participant-patch","latency":"1 second","appliedAt":"2026-11-25T13:02:00Z"}""", "latency")]
    [TestCase("wrapup-accepted", """{"intentId":"3f2b8c1e-7d4a-4e59-9b0c-5a6d7e8f9012","conversationId":"c-1","wrapUpCodeId":"x","wrapUpCodeName":"x"}""", "acceptedAt")]
    public void Should_refuse_what_the_schema_exists_to_catch(string schema, string json, string culprit)
    {
        Assert.That(Problems(schema, json), Has.Some.Contains(culprit));
    }

    [Test]
    public void Should_refuse_notes_longer_than_the_worker_keeps()
    {
        var json = JsonSerializer.Serialize(new { intentId = Guid.NewGuid(), conversationId = "c-1", wrapUpCode = "QA_Review", notes = new string('n', 1025) });

        Assert.That(Problems("wrapup-intent", json), Has.Some.Contains("notes"));
    }

    [TestCaseSource(nameof(Contracts))]
    public void Should_list_exactly_the_properties_of_the_record((string Schema, Type Contract) pair)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "schemas", "v1", $"{pair.Schema}.schema.json")));
        var names = document.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var properties = pair.Contract.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.That(names, Is.EquivalentTo(properties));
        Assert.That(document.RootElement.GetProperty("$id").GetString(), Does.Contain("/schemas/v1/"), "versioned");
    }

    [Test]
    public void Should_name_every_failure_reason_and_every_wrap_up_call()
    {
        using var failed = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "schemas", "v1", "wrapup-failed.schema.json")));
        using var applied = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "schemas", "v1", "wrapup-applied.schema.json")));
        var calls = typeof(WrapUpCalls).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        Assert.Multiple(() =>
        {
            Assert.That(Enum(failed, "reason"), Is.EquivalentTo(WrapUpFailureReasons.All));
            Assert.That(Enum(applied, "appliedVia"), Is.EquivalentTo(calls));
        });
    }

    private static IEnumerable<string> Enum(JsonDocument schema, string property) =>
        schema.RootElement.GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

    private static string SchemaOf(Type contract) => Contracts.Single(c => c.Contract == contract).Schema;

    /// <summary>Each failed keyword as "location: message"; empty when valid.</summary>
    private static List<string> Problems(string schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schemas[schema].Evaluate(document.RootElement, Strict);
        if (results.IsValid) return [];
        var problems = (results.Details ?? []).Append(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["invalid, without details"];
    }
}
