using System.ComponentModel.DataAnnotations;

namespace EventBridge.Storage.Postgres;

/// <summary>Where the PostgreSQL stores live: one database, shared by every replica of a cluster.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>). Give the password through the
    /// environment or a secret store, not a file in the repository: it is a credential.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
