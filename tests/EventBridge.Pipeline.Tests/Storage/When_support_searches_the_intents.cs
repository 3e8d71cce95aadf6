namespace EventBridge.Pipeline.Tests.Storage;

/// <summary>The intent side of support's search on each engine: exact matches on ids and codes, newest first.</summary>
public sealed class When_support_searches_the_intents(StoreEngine engine) : StoreTest(engine)
{
    [Test]
    public async Task Should_find_an_intent_by_its_id_conversation_participant_or_code()
    {
        var asked = TestIntents.Pending("conv-9f3c", participantId: "participant-7") with { RequestedCode = "Refund_Given" };
        var later = TestIntents.Pending("conv-9f3c", receivedAfter: TimeSpan.FromSeconds(1));
        var other = TestIntents.Pending("conv-other");
        foreach (var intent in new[] { asked, later, other }) await Store.RegisterAsync(intent);
        await Store.SetResolvedCodeAsync(other.IntentId, "code-id-42", "Sale");
        var queries = Database.NewQueries();

        async Task<IEnumerable<Guid>> Found(string term) => (await queries.SearchAsync(term, 50)).Select(i => i.IntentId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Found("conv-9f3c"), Is.EqualTo(new[] { later.IntentId, asked.IntentId }), "newest first");
            Assert.That(await Found(asked.IntentId.ToString()), Is.EqualTo(new[] { asked.IntentId }));
            Assert.That(await Found("participant-7"), Is.EqualTo(new[] { asked.IntentId }));
            Assert.That(await Found("Refund_Given"), Is.EqualTo(new[] { asked.IntentId }));
            Assert.That(await Found("code-id-42"), Is.EqualTo(new[] { other.IntentId }), "by the resolved code's id");
            Assert.That(await Found("Sale"), Does.Contain(other.IntentId), "by its name");
            Assert.That(await Found("conv-9f"), Is.Empty, "exact matches only");
            Assert.That(await queries.SearchAsync("conv-9f3c", 1), Has.Count.EqualTo(1), "at most the limit");
        }
    }
}
