using System.Text.Json;
using EventBridge.Contracts;

namespace EventBridge.Worker.Tests.Contracts;

/// <summary>A deadline without a UTC offset would mean a different moment on every server: it cannot be read.</summary>
public sealed class When_a_deadline_is_read
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [TestCase("2030-01-01T12:00:00Z", "2030-01-01T12:00:00+00:00")]
    [TestCase("2030-01-01T13:00:00+01:00", "2030-01-01T12:00:00+00:00")]
    [TestCase("2030-01-01T07:00:00.5-05:00", "2030-01-01T12:00:00.5+00:00")]
    public void Should_take_a_time_with_an_offset(string deadline, string sameMoment)
    {
        var intent = JsonSerializer.Deserialize<WrapUpIntent>($$"""{"deadline":"{{deadline}}"}""", Web)!;

        Assert.That(intent.Deadline, Is.EqualTo(DateTimeOffset.Parse(sameMoment, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("\"2030-01-01T12:00:00\"")]
    [TestCase("\"2030-01-01\"")]
    [TestCase("\"tomorrow\"")]
    [TestCase("1893499200")]
    public void Should_refuse_a_time_without_an_offset(string deadline)
    {
        // Its own exception type: the HTTP API may quote its requirement to the caller (no type names in it).
        var error = Assert.Throws<FieldFormatException>(() => JsonSerializer.Deserialize<WrapUpIntent>($$"""{"deadline":{{deadline}}}""", Web));

        Assert.That(error!.Requirement, Does.Contain("UTC offset").And.Not.Contain("System."));
        Assert.That(error.Path, Is.EqualTo("$.deadline"));
    }

    [Test]
    public void Should_leave_an_absent_or_null_deadline_to_the_default()
    {
        Assert.That(JsonSerializer.Deserialize<WrapUpIntent>("""{"deadline":null}""", Web)!.Deadline, Is.Null);
        Assert.That(JsonSerializer.Deserialize<WrapUpIntent>("{}", Web)!.Deadline, Is.Null);
    }
}
