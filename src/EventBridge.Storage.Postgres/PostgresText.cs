using System.Diagnostics.CodeAnalysis;

namespace EventBridge.Storage.Postgres;

/// <summary>
/// PostgreSQL text cannot hold U+0000 (the insert fails: "invalid byte sequence"), SQLite's can. Free text that came
/// from a message or an operator (a fault message, notes, a comment) keeps every other character; a NUL becomes
/// U+FFFD, so the letter is stored rather than lost. JSON needs nothing: it escapes NUL as \u0000.
/// </summary>
internal static class PostgresText
{
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Storable(string? text) => text is null || !text.Contains('\0') ? text : text.Replace('\0', '\uFFFD');
}
