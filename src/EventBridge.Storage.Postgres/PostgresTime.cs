namespace EventBridge.Storage.Postgres;

/// <summary>
/// Instants to and from timestamptz. PostgreSQL keeps microseconds, so the last tenth of a microsecond of a
/// <see cref="DateTimeOffset"/> is dropped on the way in (rounded down, so order is kept); values come back at offset zero.
/// </summary>
internal static class PostgresTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTime ToUtc(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TicksPerMicrosecond, DateTimeKind.Utc);
    }

    public static DateTime? ToUtc(DateTimeOffset? value) => value is { } instant ? ToUtc(instant) : null;

    public static DateTimeOffset FromUtc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

    public static DateTimeOffset? FromUtc(DateTime? value) => value is { } instant ? FromUtc(instant) : null;
}
