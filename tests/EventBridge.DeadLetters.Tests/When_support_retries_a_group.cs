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
    private const string Transient = "error:InvalidOperationException";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
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
            Assert.That(groups[0].Advice.Retry, Is.EqualTo(RetryOffer.WithEdit), "an invalid code needs another code");
            Assert.That(groups[0].Advice.CanRetryGroup, Is.False);
            Assert.That(groups[1].Advice.CanRetryGroup, Is.True, "a transient error can go again as a whole");
        });

        await _host.Review.DiscardAsync(invalid[0].Id, "dave");
        Assert.That((await _host.Review.GetGroupsAsync()).Single(g => g.Reason == WrapUpFailureReasons.InvalidCode).Count, Is.EqualTo(2),
            "only Open letters are grouped");
    }

    [Test]
    public async Task Should_refuse_when_the_count_changed_since_the_preview_and_pace_the_letters_when_it_did_not()
    {
        await FailAsync(FakePipeline.Flaky, 3);
        var preview = await _host.Review.PreviewGroupAsync(Transient);
        await FailAsync(FakePipeline.Flaky, 1); // a new failure arrives while support decides

        var stale = await _host.Review.RetryGroupAsync(Transient, preview.Matching, "erin");
        Assert.Multiple(async () =>
        {
            Assert.That(preview.Matching, Is.EqualTo(3));
            Assert.That(stale.Outcome, Is.EqualTo(ReviewOutcome.Conflict));
            Assert.That(stale.Value!.Total, Is.EqualTo(4));
            Assert.That(stale.Detail, Does.Contain("4").And.Contain("3"));
            Assert.That((await _host.Review.GetGroupsAsync()).Single().Count, Is.EqualTo(4), "nothing was retried");
            Assert.That(await _host.Review.GetAuditAsync(), Is.Empty);
        });

        // A bound after every letter: all four, and the audit records the bound support gave.
        var failedBefore = DateTimeOffset.UtcNow.AddMinutes(1);
        var started = await _host.Review.RetryGroupAsync(Transient, 4, "erin", "Genesys is back", failedBefore);
        Assert.That(started.Value!.State, Is.EqualTo(GroupRetryState.Running));
        var midway = await Eventually.GetAsync(() => Task.FromResult(_host.Review.FindGroupRetry(started.Value.JobId) is
            { State: GroupRetryState.Running, Retried: > 0 and < 4 } p ? p : null), Patience, "the group retry part way through");
        var done = await Eventually.GetAsync(() => Task.FromResult(_host.Review.FindGroupRetry(started.Value.JobId) is
            { State: GroupRetryState.Done } p ? p : null), Patience, "the group retry to finish");

        var audit = await _host.Review.GetAuditAsync();
        var gaps = done.SentAt.Zip(done.SentAt.Skip(1), (earlier, later) => later - earlier).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(midway.Total, Is.EqualTo(4));
            Assert.That(done.Retried, Is.EqualTo(4));
            Assert.That(done.IntentIds, Has.Count.EqualTo(4).And.Unique);
            Assert.That(gaps, Has.Count.EqualTo(3).And.All.GreaterThanOrEqualTo(DeadLetterHost.GroupRetryInterval * 0.9),
                "one letter per interval, never all at once");
            Assert.That(audit.Count(a => a.Action == AuditActions.Retry && a.Actor == "erin"), Is.EqualTo(4));
            var group = audit.Single(a => a.Action == AuditActions.GroupRetry);
            Assert.That(group.Target, Is.EqualTo($"group:{Transient}"));
            Assert.That(group.Comment, Is.EqualTo("Genesys is back"));
            Assert.That(group.After!.Value.GetProperty("retried").GetInt32(), Is.EqualTo(4));
            Assert.That(group.Before!.Value.GetProperty("failedBefore").GetDateTimeOffset(), Is.EqualTo(failedBefore), "the group it was given");
            Assert.That(group.After!.Value.GetProperty("state").GetString(), Is.EqualTo("Done"));
        });
        // The retried intents still fail the same way, so each comes back: a new Open group of 4 with new intents.
        foreach (var intentId in done.IntentIds) await _host.LetterOfIntentAsync(intentId);
        var open = await _host.Review.ListAsync(status: DeadLetterStatus.Open);
        Assert.That(open.Items.Select(l => l.IntentId), Is.EquivalentTo(done.IntentIds.Cast<Guid?>()));
    }

    [Test]
    public async Task Should_refuse_a_group_whose_letters_each_need_another_code()
    {
        await FailAsync(FakePipeline.InvalidCode, 2);

        var refused = await _host.Review.RetryGroupAsync(WrapUpFailureReasons.InvalidCode, 2, "erin");

        Assert.Multiple(async () =>
        {
            Assert.That(refused.Outcome, Is.EqualTo(ReviewOutcome.Invalid));
            Assert.That(refused.Detail, Does.Contain("one by one"));
            Assert.That((await _host.Review.GetGroupsAsync()).Single().Count, Is.EqualTo(2), "nothing was retried");
            Assert.That(_host.Review.ListGroupRetries(), Is.Empty);
            Assert.That(await _host.Review.GetAuditAsync(), Is.Empty);
        });
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
