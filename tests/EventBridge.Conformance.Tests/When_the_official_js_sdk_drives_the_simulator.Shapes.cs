using System.Text.Json;
using EventBridge.Conformance.Tests.Support;

namespace EventBridge.Conformance.Tests;

/// <summary>
/// Shapes, not literals: every answer the SDK got and every body sent (by the SDK and by our C# client) checked field
/// by field against the types the SDK declares for that call in index.d.ts.
/// </summary>
public sealed partial class When_the_official_js_sdk_drives_the_simulator
{
    [Test]
    public void Should_drive_every_route_the_simulator_serves()
    {
        var driven = _output.Steps.Select(s => s.SdkFunction).OfType<string>().ToHashSet();
        var routes = _scene.Simulator.ApiRoutes();

        Assert.That(routes, Has.Count.GreaterThan(10), "the simulator's routing table");
        var unknown = routes.Where(r => !_sdk.OperationsForRoute(r).Any());
        Assert.That(unknown, Is.Empty, "routes the SDK has no function for (Genesys does not serve them)");
        var undriven = routes.Where(r => !_sdk.OperationsForRoute(r).Any(o => driven.Contains(o.Name)));
        Assert.That(undriven, Is.Empty, "routes no step of the SDK driver called, so their answers go unchecked");
    }

    [Test]
    public void Should_answer_every_call_in_the_shape_the_sdk_declares()
    {
        var shape = new SdkShape(_sdk);
        var problems = new List<string>();
        foreach (var step in _output.Steps.Where(s => s.Step != "login"))
        {
            var operation = _sdk.Operations.Single(o => o.Name == step.SdkFunction);
            // A refusal carries Genesys's error body, whatever the call would have answered.
            var type = step.Ok ? operation.Returns : "Models.ErrorBody";
            if (HasNoBody(step.Body))
            {
                if (type != "void" && step.Status == 200) problems.Add($"{step.Step}: 200 without the {type} the SDK declares");
                continue;
            }

            problems.AddRange(shape.Problems(step.Body, type, $"{step.Step} ({operation.Name} → {type})"));
        }

        Assert.That(problems, Is.Empty);
        Assert.That(_output.Steps.Count(s => !HasNoBody(s.Body)), Is.GreaterThanOrEqualTo(12), "answers with a body were checked");
    }

    [Test]
    public void Should_send_only_bodies_the_sdk_declares_for_the_call()
    {
        var whole = new SdkShape(_sdk);
        var patch = new SdkShape(_sdk, partial: true);
        var sent = _oracle.Requests.Where(r => r.Body is not null && r.Path.StartsWith("/api/v2/", StringComparison.Ordinal)).ToList();
        var problems = new List<string>();
        foreach (var request in sent)
        {
            var call = $"{request.Method} {request.Path}";
            if (_sdk.OperationFor(request.Method, request.Path) is not { } operation) problems.Add($"{call}: no SDK function goes there");
            else if (operation.BodyType is null) problems.Add($"{call}: {operation.Name} sends no body");
            else problems.AddRange((request.Method == "PATCH" ? patch : whole).Problems(request.Body!.Value, operation.BodyType, $"{call} ({operation.Name} body {operation.BodyType})"));
        }

        Assert.That(problems, Is.Empty);
        // The SDK's bodies and ours: both wrap-up calls, both subscription calls and the three disconnects, twice over.
        Assert.That(sent, Has.Count.GreaterThanOrEqualTo(12));
    }

    [Test]
    public void Should_count_a_field_the_model_lacks_and_a_wrong_type_as_problems()
    {
        // The checker itself must be able to fail, or the tests above prove nothing.
        using var body = JsonDocument.Parse("""{"code":"c1","notes":7,"wrapupSkipped":true}""");
        using var listing = JsonDocument.Parse("""{"entities":[{"id":"t","state":null}]}""");
        var shape = new SdkShape(_sdk);

        Assert.That(shape.Problems(body.RootElement, "Models.WrapupInput"), Is.EquivalentTo(new[]
        {
            "$.notes: Number where the SDK declares string",
            "$.wrapupSkipped: Models.WrapupInput has no such field",
        }));
        Assert.That(shape.Problems(listing.RootElement, "Models.ChannelTopicEntityListing"),
            Is.EqualTo(new[] { "$.entities[0].state: null where the SDK declares string (Genesys leaves absent fields out)" }));
        Assert.That(shape.Problems(body.RootElement, "Models.Conversation"), Does.Contain("$.startTime: required by Models.Conversation, missing"));
    }

    private static bool HasNoBody(JsonElement body) =>
        body.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ||
        (body.ValueKind == JsonValueKind.String && body.GetString() == "") ||
        (body.ValueKind == JsonValueKind.Object && !body.EnumerateObject().Any());
}
