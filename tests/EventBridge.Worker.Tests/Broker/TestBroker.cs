namespace EventBridge.Worker.Tests.Broker;

/// <summary>The real RabbitMQ node that deploy/test.sh starts for the suite.</summary>
public static class TestBroker
{
    public const string UriVariable = "EVENTBRIDGE_RABBITMQ";

    public static Uri Uri
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(UriVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                Assert.Fail($"{UriVariable} is not set: run the suite with 'bash deploy/test.sh', which starts a throwaway RabbitMQ and sets it.");
            }

            return new Uri(value!);
        }
    }

    /// <summary>A queue name no other test run shares, so runs never see each other's leftovers.</summary>
    public static string UniqueQueue(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}";
}
