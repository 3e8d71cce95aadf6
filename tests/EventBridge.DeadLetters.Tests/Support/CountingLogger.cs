using Microsoft.Extensions.Logging;

namespace EventBridge.DeadLetters.Tests.Support;

/// <summary>Counts errors, so a test can wait until the ingestor has tried (and failed) at least once.</summary>
public sealed class CountingLogger<T> : ILogger<T>
{
    private int _errors;

    public int Errors => Volatile.Read(ref _errors);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error) Interlocked.Increment(ref _errors);
    }
}
