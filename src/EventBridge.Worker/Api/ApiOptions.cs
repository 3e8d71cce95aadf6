using System.ComponentModel.DataAnnotations;

namespace EventBridge.Worker.Api;

/// <summary>Settings of the configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// How long <c>POST /api/intents</c> waits for the broker to take the intent before answering 503 with
    /// <c>Retry-After</c>. MassTransit waits for a lost broker indefinitely; a gateway must hear "not taken" instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan BrokerConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> of that 503, in whole seconds.</summary>
    [Range(1, 300)]
    public int BrokerRetryAfterSeconds { get; set; } = 5;
}
