using EventBridge.Pipeline.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventBridge.Pipeline.Tests.Hosting;

/// <summary>Section <c>Retention</c> as the worker binds it: documented defaults, and ages that make no sense refused with their names.</summary>
public sealed class When_retention_is_configured
{
    [Test]
    public void Should_keep_the_documented_defaults()
    {
        var options = Bind([]);

        Assert.That((options.FinishedIntents, options.Attempts, options.ResolvedDeadLetters, options.AuditEntries, options.BatchSize),
            Is.EqualTo((TimeSpan.FromDays(30), TimeSpan.FromDays(30), TimeSpan.FromDays(90), TimeSpan.FromDays(365), 500)));
    }

    [Test]
    public void Should_refuse_an_audit_kept_shorter_than_what_it_records()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind(new() { ["Retention:ResolvedDeadLetters"] = "400.00:00:00" }));

        Assert.That(refused!.Message, Does.Contain("Retention:AuditEntries").And.Contain("kept longest"));
    }

    [TestCase("Retention:FinishedIntents", "00:10:00")]
    [TestCase("Retention:BatchSize", "0")]
    [TestCase("Retention:Batchsize2", "1")]
    public void Should_refuse_a_value_out_of_range_or_an_unknown_key(string key, string value) =>
        Assert.Catch(() => Bind(new() { [key] = value }), key);

    private static RetentionOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddRetention(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
