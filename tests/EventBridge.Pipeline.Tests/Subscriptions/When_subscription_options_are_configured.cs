using EventBridge.Pipeline.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Tests.Subscriptions;

[TestFixture]
public sealed class When_subscription_options_are_configured
{
    private static SubscriptionOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddWrapUpPipeline(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SubscriptionOptions>>().Value;
    }

    [Test]
    public void Should_state_the_defaults()
    {
        var options = Resolve([]);
        Assert.Multiple(() =>
        {
            Assert.That(options.MaxTopicsPerChannel, Is.EqualTo(1000));
            Assert.That(options.MaxChannels, Is.EqualTo(5));
            Assert.That(options.SilenceTimeout, Is.EqualTo(TimeSpan.FromSeconds(75)));
            Assert.That(options.RenewAtFraction, Is.EqualTo(0.5));
            Assert.That(options.DebounceWindow, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        });
    }

    [TestCase("Subscriptions:MaxChannels", "21")]
    [TestCase("Subscriptions:MaxTopicsPerChannel", "1001")]
    [TestCase("Subscriptions:RenewAtFraction", "0.95")]
    [TestCase("Subscriptions:ReconnectMaxDelay", "00:00:00.050")]
    [TestCase("Subscriptions:PongTimeout", "00:00:59")]
    public void Should_refuse_a_value_out_of_range(string key, string value) =>
        Assert.That(() => Resolve(new() { [key] = value, ["Subscriptions:SilenceTimeout"] = "00:00:30" }), Throws.TypeOf<OptionsValidationException>());
}
