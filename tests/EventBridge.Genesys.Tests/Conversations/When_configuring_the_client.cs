using EventBridge.Genesys.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys.Tests.Conversations;

public class When_configuring_the_client
{
    [Test]
    public void Should_state_its_defaults()
    {
        var options = new GenesysOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Region, Is.EqualTo("mypurecloud.com"));
            Assert.That(options.RequestsPerMinute, Is.EqualTo(240));
            Assert.That(options.TokenRefreshBefore, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(options.RequestTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(options.CallTimeout, Is.EqualTo(TimeSpan.FromSeconds(25)), "below the host's 30 s shutdown");
            Assert.That(options.MaxRetries, Is.EqualTo(3));
            Assert.That(options.ResolveApiBaseUrl(), Is.EqualTo(new Uri("https://api.mypurecloud.com/")));
            Assert.That(options.ResolveLoginBaseUrl(), Is.EqualTo(new Uri("https://login.mypurecloud.com/")));
        });
    }

    [Test]
    public void Should_use_the_api_base_url_for_login_when_no_login_url_is_given()
    {
        var options = new GenesysOptions { ApiBaseUrl = new Uri("http://127.0.0.1:5123") };

        Assert.That(options.ResolveLoginBaseUrl(), Is.EqualTo(new Uri("http://127.0.0.1:5123/")));
    }

    [Test]
    public void Should_bind_a_region_from_configuration()
    {
        var options = Resolve(new() { ["Genesys:Region"] = "usw2.pure.cloud", ["Genesys:ClientId"] = "id", ["Genesys:ClientSecret"] = "x" });

        Assert.That(options.ResolveApiBaseUrl(), Is.EqualTo(new Uri("https://api.usw2.pure.cloud/")));
    }

    [TestCase("Genesys:Region", "mypurecloud.con")]
    [TestCase("Genesys:ClientId", "")]
    [TestCase("Genesys:RequestsPerMinute", "0")]
    [TestCase("Genesys:MaxRetries", "11")]
    [TestCase("Genesys:RequestTimeout", "00:00:00")]
    [TestCase("Genesys:CallTimeout", "00:00:05")]
    [TestCase("Genesys:ApiBaseUrl", "ftp://example.test/")]
    public void Should_refuse_invalid_settings(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["Genesys:ClientId"] = "id", ["Genesys:ClientSecret"] = "x", [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.That(error!.Message, Does.Contain(key.Split(':')[1]));
    }

    [Test]
    public void Should_refuse_a_key_that_would_do_nothing()
    {
        // Removed with the client's own watchdog; a deployment still setting it believes it tunes something.
        var settings = new Dictionary<string, string?> { ["Genesys:ClientId"] = "id", ["Genesys:ClientSecret"] = "x", ["Genesys:ChannelSilenceTimeout"] = "00:01:00" };

        var error = Assert.Throws<InvalidOperationException>(() => Resolve(settings));

        Assert.That(error!.Message, Does.Contain("ChannelSilenceTimeout"));
    }

    [Test]
    public void Should_not_show_the_secret_in_its_text()
    {
        var options = new GenesysOptions { ClientId = "id", ClientSecret = GenesysTestHost.Secret };

        Assert.That(options.ToString(), Does.Not.Contain(GenesysTestHost.Secret).And.Contain("id"));
    }

    private static GenesysOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddGenesysClient(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<GenesysOptions>>().Value;
    }
}
