using EventBridge.Worker.Hosting;

namespace EventBridge.Worker.Tests.Hosting;

/// <summary>The simulator's control API has no authentication: the worker starts it on loopback only.</summary>
public sealed class When_the_embedded_simulator_address_is_configured
{
    [TestCase("http://127.0.0.1:5077")]
    [TestCase("http://localhost:5077")]
    [TestCase("http://[::1]:5077")]
    public void Should_take_a_loopback_address(string url) =>
        Assert.That(new EmbeddedSimulatorOptions { Url = url }.LoopbackProblem(), Is.Null);

    [TestCase("http://0.0.0.0:5077", "loopback")]
    [TestCase("http://10.1.2.3:5077", "loopback")]
    [TestCase("http://simulator.example.com:5077", "loopback")]
    [TestCase("not a url", "http://")]
    public void Should_refuse_anything_else_saying_why(string url, string expected) =>
        Assert.That(new EmbeddedSimulatorOptions { Url = url }.LoopbackProblem(), Does.Contain(expected).And.Contain(url));
}
