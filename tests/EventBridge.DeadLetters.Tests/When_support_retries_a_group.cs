using EventBridge.Contracts;
using EventBridge.DeadLetters.Review;
using EventBridge.DeadLetters.Storage;
using EventBridge.DeadLetters.Tests.Support;

namespace EventBridge.DeadLetters.Tests;

/// <summary>Groups by reason, and a group retry only of the letters support previewed.</summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_support_retries_a_group(StoreEngine engine)
{
    private IsolatedVhost _vhost = null!;
    private DeadLetterHost _host = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _vhost = await IsolatedVhost.CreateAsync("deadletters-group");
        _host = await DeadLetterHost.StartAsync(_vhost, engine);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _vhost.DeleteAsync();
    }

    [Test]
    public async Task Should_group_open_letters_by_reason()
    {
        var invalid = await FailAsync(FakePipeline.InvalidCode, 3);
        await FailAsync(FakePipeline.Flaky, 1);

        var groups = await _host.Review.GetGroupsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(groups.Select(g => (g.Reason, g.Count)),
                Is.EqualTo(new[] { (WrapUpFailureReasons.InvalidCode, 3), ("error:InvalidOperationException", 1) }));
            Assert.That(groups[0].Oldest, Is.LessThanOrEqualTo(groups[0].Newest));
        });

        await _host.Review.DiscardAsync(invalid[0].Id, "dave");
        Assert.That((await _host.Review.GetGroupsAsync()).Single(g => g.Reason == WrapUpFailureReasons.InvalidCode).Count, Is.EqualTo(2),
            "only Open letters are grouped");
    }

    [Test]
    public async Task Should_refuse_when_the_count_changed_since_the_preview_and_retry_each_when_it_did_not()
    {
        await FailAsync(FakePipeline.InvalidCode, 2);
        var preview = await _host.Review.PreviewGroupAsync(WrapUpFailureReasons.InvalidCode);
        await FailAsync(FakePipeline.InvalidCode, 1); // a new failure arrives while support decides

        var stale = await _host.Review.RetryGroupAsync(WrapUpFailureReasons.InvalidCode, preview.Matching, "erin");
        Assert.Multiple(async () =>
        {
            Assert.That(preview.Matching, Is.EqualTo(2));
            Assert.That(stale.Outcome, Is.EqualTo(ReviewOutcome.Conflict));
            Assert.That(stale.Value!.Matching, Is.EqualTo(3));
            Assert.That(stale.Detail, Does.Contain("3").And.Contain("2"));
            Assert.That((await _host.Review.GetGroupsAsync()).Single().Count, Is.EqualTo(3), "nothing was retried");
            Assert.That(await _host.Review.GetAuditAsync(), Is.Empty);
        });

        var retried = await _host.Review.RetryGroupAsync(WrapUpFailureReasons.InvalidCode, 3, "erin", "codes fixed");
        var audit = await _host.Review.GetAuditAsync();
        Assert.Multiple(() =>
        {
            Assert.That(retried.Outcome, Is.EqualTo(ReviewOutcome.Ok));
            Assert.That(retried.Value!.Retried, Is.EqualTo(3));
            Assert.That(retried.Value.IntentIds, Has.Count.EqualTo(3).And.Unique);
            Assert.That(audit.Count(a => a.Action == AuditActions.Retry && a.Actor == "erin"), Is.EqualTo(3));
            var group = audit.Single(a => a.Action == AuditActions.GroupRetry);
            Assert.That(group.Target, Is.EqualTo($"group:{WrapUpFailureReasons.InvalidCode}"));
            Assert.That(group.Comment, Is.EqualTo("codes fixed"));
            Assert.That(group.After!.Value.GetProperty("retried").GetInt32(), Is.EqualTo(3));
        });
        // The retried intents still carry the bad code, so each fails again: a new Open group of 3 with new intents.
        foreach (var intentId in retried.Value!.IntentIds) await _host.LetterOfIntentAsync(intentId);
        var open = await _host.Review.ListAsync(status: DeadLetterStatus.Open);
        Assert.That(open.Items.Select(l => l.IntentId), Is.EquivalentTo(retried.Value.IntentIds.Cast<Guid?>()));
    }

    private async Task<List<DeadLetterSummary>> FailAsync(string code, int count)
    {
        var letters = new List<DeadLetterSummary>();
        for (var i = 0; i < count; i++)
        {
            var intent = DeadLetterHost.Intent(code);
            await _host.SendIntentAsync(intent);
            letters.Add(await _host.LetterOfIntentAsync(intent.IntentId));
        }

        return letters;
    }
}
