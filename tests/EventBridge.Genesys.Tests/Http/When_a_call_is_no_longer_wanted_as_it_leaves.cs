using EventBridge.Genesys.Http;

namespace EventBridge.Genesys.Tests.Http;

public class When_a_call_is_no_longer_wanted_as_it_leaves
{
    [Test]
    public async Task Should_not_send_it_and_say_why()
    {
        var wanted = true;
        using var network = new CountingHandler();
        using var guard = new SendGuardHandler { InnerHandler = network };
        using var invoker = new HttpMessageInvoker(guard);
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, "https://api.example.test/api/v2/conversations/messages/c1/participants/p1");
            request.Options.Set(GenesysCallPriority.RequestOption, GenesysCallPriority.WrapUp(null) with { SendOnlyWhile = () => wanted });
            return request;
        }

        using (var request = Request()) (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        // The claim ran out while the process was paused: the wrap-up must not leave after the new holder's.
        wanted = false;
        using var late = Request();
        var refused = Assert.ThrowsAsync<CallNoLongerWantedException>(async () => await invoker.SendAsync(late, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(network.Sent, Is.EqualTo(1), "only the call still wanted reached the network");
            Assert.That(refused!.Message, Does.Contain("was not sent"));
        }
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent++;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Accepted));
        }
    }
}
