using System.Text.Json;
using EventBridge.Genesys.Models;

namespace EventBridge.Genesys.Tests.Models;

public class When_writing_request_bodies
{
    [Test]
    public void Should_write_a_participant_patch_with_only_the_wrapup()
    {
        var body = new MediaParticipantRequest { Wrapup = new WrapupInput { Code = "code-1" } };

        Assert.That(JsonSerializer.Serialize(body, GenesysJsonContext.Default.MediaParticipantRequest),
            Is.EqualTo("""{"wrapup":{"code":"code-1"}}"""));
    }

    [Test]
    public void Should_write_every_wrapup_input_field_with_genesys_names()
    {
        var body = new WrapupInput
        {
            Code = "code-1",
            Notes = "notes",
            Tags = ["a", "b"],
            DurationSeconds = 30,
            EndTime = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)),
        };

        Assert.That(JsonSerializer.Serialize(body, GenesysJsonContext.Default.WrapupInput),
            Is.EqualTo("""{"code":"code-1","notes":"notes","tags":["a","b"],"durationSeconds":30,"endTime":"2026-01-01T09:00:00.000Z"}"""));
    }

    [Test]
    public void Should_write_a_disconnect_as_state_only() =>
        Assert.That(JsonSerializer.Serialize(new MediaParticipantRequest { State = "disconnected" }, GenesysJsonContext.Default.MediaParticipantRequest),
            Is.EqualTo("""{"state":"disconnected"}"""));
}
