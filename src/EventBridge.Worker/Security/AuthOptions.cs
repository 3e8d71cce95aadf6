using System.ComponentModel.DataAnnotations;

namespace EventBridge.Worker.Security;

/// <summary>
/// Who may use the API and the dashboard (configuration section <c>Auth</c>). Secrets come from the environment or a
/// secret store (<c>Auth__Users__0__Password</c>, <c>Auth__ApiKeys__0__Key</c>), never from a committed file.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Dashboard logins (user name + password).</summary>
    public List<UserCredential> Users { get; set; } = [];

    /// <summary>Keys for programs, sent as <c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c>.</summary>
    public List<ApiKeyCredential> ApiKeys { get; set; } = [];

    /// <summary>
    /// Adds the documented demo logins (support/support-demo, viewer/viewer-demo, key publisher-demo-key). Null (the
    /// default) means: only when the worker runs against the embedded simulator and no credentials are configured.
    /// </summary>
    public bool? DemoLogins { get; set; }

    /// <summary>How long a dashboard login lasts without activity.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The folder of the data-protection keys that sign the session cookie. Null (the default): <c>keys</c> next to the
    /// intent store (<c>IntentStore:Path</c>), so the worker's state lives in one place and never in the home directory.
    /// Created owner-only (0700); the keys are not encrypted at rest, the folder's permissions are their protection.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>The absolute keys folder for <paramref name="configuration"/>, relative paths against <paramref name="contentRoot"/>.</summary>
    public static string ResolveKeysFolder(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[$"{Section}:{nameof(KeysPath)}"] is { Length: > 0 } configured) return Path.GetFullPath(configured, contentRoot);
        var store = new EventBridge.Pipeline.Storage.IntentStoreOptions();
        configuration.GetSection(EventBridge.Pipeline.Storage.IntentStoreOptions.SectionName).Bind(store);
        return Path.Combine(Path.GetDirectoryName(store.ResolvePath(contentRoot))!, "keys");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (user, index) in Users.Select((u, i) => (u, i)))
        {
            if (string.IsNullOrWhiteSpace(user.Name) || string.IsNullOrEmpty(user.Password))
                yield return new ValidationResult($"Auth:Users:{index} needs a Name and a Password.");
            if (!EventBridgeRoles.All.Contains(user.Role))
                yield return new ValidationResult(
                    $"Auth:Users:{index} ({user.Name}) has role '{user.Role}'; use one of {string.Join(", ", EventBridgeRoles.All)}.");
        }

        foreach (var (key, index) in ApiKeys.Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(key.Name) || string.IsNullOrEmpty(key.Key))
                yield return new ValidationResult($"Auth:ApiKeys:{index} needs a Name and a Key.");
            else if (key.Key.Length < 16)
                yield return new ValidationResult($"Auth:ApiKeys:{index} ({key.Name}): a key needs at least 16 characters.");
            if (!EventBridgeRoles.All.Contains(key.Role))
                yield return new ValidationResult(
                    $"Auth:ApiKeys:{index} ({key.Name}) has role '{key.Role}'; use one of {string.Join(", ", EventBridgeRoles.All)}.");
        }
    }
}

public sealed class UserCredential
{
    public string Name { get; set; } = "";
    public string Password { get; set; } = "";
    public string Role { get; set; } = EventBridgeRoles.Viewer;
}

public sealed class ApiKeyCredential
{
    /// <summary>Who holds the key (a gateway's name); it is the actor in the audit log.</summary>
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string Role { get; set; } = EventBridgeRoles.Publisher;
}
