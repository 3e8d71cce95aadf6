using System.Security.Cryptography;
using System.Text;

namespace EventBridge.Worker.Security;

/// <summary>
/// Looks up logins and API keys. This directory keeps only SHA-256 digests of the secrets and compares them in constant
/// time, so timing does not tell an attacker how close a guess was. (The bound configuration still holds the
/// plaintext it was given; nothing here copies it further.)
/// </summary>
public sealed class CredentialDirectory
{
    public const string DemoSupportUser = "support";
    public const string DemoSupportPassword = "support-demo";
    public const string DemoViewerUser = "viewer";
    public const string DemoViewerPassword = "viewer-demo";
    public const string DemoPublisherKey = "publisher-demo-key";

    private readonly List<(string Name, byte[] Digest, string Role)> _users;
    private readonly List<(string Name, byte[] Digest, string Role)> _keys;

    public CredentialDirectory(AuthOptions options, bool demoLogins)
    {
        ArgumentNullException.ThrowIfNull(options);
        _users = options.Users.Select(u => (u.Name, Digest(u.Password), u.Role)).ToList();
        _keys = options.ApiKeys.Select(k => (k.Name, Digest(k.Key), k.Role)).ToList();
        DemoLoginsEnabled = demoLogins;
        if (!demoLogins) return;
        _users.Add((DemoSupportUser, Digest(DemoSupportPassword), EventBridgeRoles.Support));
        _users.Add((DemoViewerUser, Digest(DemoViewerPassword), EventBridgeRoles.Viewer));
        _keys.Add(("demo-publisher", Digest(DemoPublisherKey), EventBridgeRoles.Publisher));
    }

    public bool DemoLoginsEnabled { get; }

    public bool IsEmpty => _users.Count == 0 && _keys.Count == 0;

    /// <summary>The user's role, or null when the name or password is wrong (which one is not said).</summary>
    public (string Name, string Role)? VerifyPassword(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password)) return null;
        var digest = Digest(password);
        foreach (var user in _users)
        {
            // Every candidate is compared, so the time taken does not depend on which user matched.
            if (string.Equals(user.Name, name, StringComparison.Ordinal) & CryptographicOperations.FixedTimeEquals(user.Digest, digest))
                return (user.Name, user.Role);
        }

        return null;
    }

    /// <summary>
    /// The configured user this name belongs to, or null: a failed login logs only names it knows, so a password typed
    /// into the user field (a common slip) never reaches a log.
    /// </summary>
    public string? KnownUserName(string? name) =>
        string.IsNullOrEmpty(name) ? null : _users.Select(u => u.Name).FirstOrDefault(known => string.Equals(known, name, StringComparison.Ordinal));

    public (string Name, string Role)? VerifyApiKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        var digest = Digest(key);
        (string, string)? found = null;
        foreach (var candidate in _keys)
            if (CryptographicOperations.FixedTimeEquals(candidate.Digest, digest))
                found = (candidate.Name, candidate.Role);
        return found;
    }

    private static byte[] Digest(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
