using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventBridge.Contracts;
using EventBridge.Pipeline.Intake;

namespace EventBridge.Worker.Tests.Contracts;

/// <summary>
/// docs/schemas/v1/wrapup-intent.schema.json is what non-.NET publishers code against; WrapUpIntent and IntentValidator are what
/// the worker reads. This keeps the three saying the same thing.
/// </summary>
[TestFixture]
public sealed partial class When_the_raw_intent_schema_is_compared_with_the_contract
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private JsonElement _schema;

    private static IEnumerable<PropertyInfo> ContractProperties =>
        typeof(WrapUpIntent).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod is not null && p.Name != "EqualityContract");

    [OneTimeSetUp]
    public void ReadSchema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "schemas", "v1", "wrapup-intent.schema.json")));
        _schema = document.RootElement.Clone();
    }

    [Test]
    public void Should_describe_every_property_of_the_contract_and_no_other()
    {
        var schemaNames = _schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        var contractNames = ContractProperties.Select(p => p.Name).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(schemaNames, Is.EquivalentTo(contractNames).Using((IEqualityComparer<string>)StringComparer.OrdinalIgnoreCase));
            Assert.That(schemaNames.Select(JsonNamingPolicy.CamelCase.ConvertName), Is.EqualTo(schemaNames), "schema names are camelCase");
            Assert.That(_schema.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        });
    }

    [Test]
    public void Should_require_exactly_what_the_validator_requires()
    {
        var schemaRequired = _schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToList();

        Assert.That(schemaRequired, Is.EquivalentTo(ValidatorRequiredProperties()).Using((IEqualityComparer<string>)StringComparer.OrdinalIgnoreCase));
    }

    [Test]
    public void Should_limit_notes_as_the_validator_does()
    {
        var notes = _schema.GetProperty("properties").GetProperty("notes");

        Assert.That(notes.GetProperty("maxLength").GetInt32(), Is.EqualTo(IntentValidator.MaxNotesLength));
    }

    [Test]
    public void Should_accept_the_sample_of_the_docs()
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contracts", "raw-json-intents.md"));
        var sample = SampleBlock().Match(markdown);
        Assert.That(sample.Success, Is.True, "docs/raw-json-intents.md has no ```json block after <!-- sample-intent -->");

        var intent = JsonSerializer.Deserialize<WrapUpIntent>(sample.Groups["json"].Value, Web)!;

        Assert.Multiple(() =>
        {
            Assert.That(IntentValidator.Validate(intent), Is.Empty);
            Assert.That(intent.Disconnect, Is.True);
            Assert.That(intent.Deadline, Is.Not.Null);
            Assert.That(JsonDocument.Parse(sample.Groups["json"].Value).RootElement.EnumerateObject().Select(p => p.Name),
                Is.SubsetOf(_schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)), "the sample uses the schema's names");
        });
    }

    [Test]
    public void Should_accept_the_schema_examples()
    {
        foreach (var example in _schema.GetProperty("examples").EnumerateArray())
            Assert.That(IntentValidator.Validate(example.Deserialize<WrapUpIntent>(Web)!), Is.Empty, example.ToString());
    }

    /// <summary>
    /// Found by behaviour, not by reading the validator: clear one property of a valid intent at a time and see whether
    /// the validator objects.
    /// </summary>
    private static IEnumerable<string> ValidatorRequiredProperties()
    {
        var valid = new WrapUpIntent { IntentId = Guid.NewGuid(), ConversationId = "c-1", WrapUpCode = "Resolved" };
        Assert.That(IntentValidator.Validate(valid), Is.Empty, "the probe intent must be valid");
        var json = JsonSerializer.SerializeToElement(valid, Web);
        foreach (var property in ContractProperties)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var without = json.EnumerateObject().Where(p => p.Name != name).ToDictionary(p => p.Name, p => p.Value);
            var cleared = JsonSerializer.Deserialize<WrapUpIntent>(JsonSerializer.Serialize(without, Web), Web)!;
            if (IntentValidator.Validate(cleared).Count > 0) yield return name;
        }
    }

    [GeneratedRegex(@"<!-- sample-intent -->\s*```json\s*(?<json>\{.*?\})\s*```", RegexOptions.Singleline)]
    private static partial Regex SampleBlock();
}
