using Npgsql;

namespace EventBridge.Testing;

/// <summary>
/// A database of its own on the throwaway PostgreSQL server that <c>deploy/test.sh</c> starts (EVENTBRIDGE_POSTGRES),
/// created for one test (or fixture) and dropped after it, with whatever connections are still open.
/// </summary>
public sealed class ThrowawayPostgresDatabase : IDisposable
{
    private readonly string _name = "eventbridge_test_" + Guid.NewGuid().ToString("N");

    public ThrowawayPostgresDatabase()
    {
        Run($"CREATE DATABASE {_name};");
        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name }.ToString();
    }

    /// <summary>The server every test database lives on; a clear failure when the test command did not start one.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("EVENTBRIDGE_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "EVENTBRIDGE_POSTGRES is not set: run the tests with `bash deploy/test.sh`, which starts a throwaway PostgreSQL " +
                "(deploy/postgres.sh), or point it at a server where these tests may create and drop databases.");

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
    }

    private static void Run(string sql)
    {
        using var server = new NpgsqlConnection(ServerConnectionString);
        server.Open();
        using var command = new NpgsqlCommand(sql, server);
        command.ExecuteNonQuery();
    }
}
