using EventBridge.DeadLetters.Tests.Support;

namespace EventBridge.DeadLetters.Tests;

/// <summary>The dead-letter side of support's search on each engine: exact matches on the ids and the code a letter holds.</summary>
[TestFixture(StoreEngine.Sqlite)]
[TestFixture(StoreEngine.Postgres)]
public sealed class When_support_searches_the_letters(StoreEngine engine)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private DirectDeadLetterStore _direct = null!;

    [SetUp]
    public async Task OpenStore() => _direct = await DirectDeadLetterStore.OpenAsync(engine);

    [TearDown]
    public void DeleteStore() => _direct.Dispose();

    [Test]
    public async Task Should_find_a_letter_by_each_id_it_holds_and_by_its_code_newest_first()
    {
        var intentId = Guid.NewGuid();
        var older = await _direct.AddAsync(Now, intentId, "conv-9f3c", "participant-7", "Refund_Given");
        var newer = await _direct.AddAsync(Now.AddMinutes(1), conversationId: "conv-9f3c");
        var other = await _direct.AddAsync(Now, conversationId: "conv-other", code: "Sale");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await IdsAsync("conv-9f3c"), Is.EqualTo(new[] { newer, older }));
            Assert.That(await IdsAsync(intentId.ToString()), Is.EqualTo(new[] { older }));
            Assert.That(await IdsAsync("participant-7"), Is.EqualTo(new[] { older }));
            Assert.That(await IdsAsync("Refund_Given"), Is.EqualTo(new[] { older }));
            Assert.That(await IdsAsync("Sale"), Is.EqualTo(new[] { other }));
            Assert.That(await IdsAsync("conv-9f"), Is.Empty, "exact matches only: ids are pasted whole");
        }
    }

    [Test]
    public async Task Should_stop_at_the_limit()
    {
        for (var i = 0; i < 4; i++) await _direct.AddAsync(Now.AddSeconds(i), conversationId: "conv-busy");

        Assert.That(await _direct.Store.SearchAsync("conv-busy", 3), Has.Count.EqualTo(3));
    }

    private async Task<IEnumerable<long>> IdsAsync(string term) => (await _direct.Store.SearchAsync(term, 50)).Select(l => l.Id);
}
