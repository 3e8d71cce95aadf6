using System.Collections.Concurrent;
using System.Security.Cryptography;
using EventBridge.Genesys.Simulator.Errors;
using EventBridge.Genesys.Simulator.Hosting;

namespace EventBridge.Genesys.Simulator.Auth;

/// <summary>Issues and checks bearer tokens; expiry follows the injected clock.</summary>
internal sealed class TokenStore(SimulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public IssuedToken Issue(string clientId)
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var token = new IssuedToken(value, clientId, time.GetUtcNow().AddSeconds(options.TokenLifetimeSeconds));
        _tokens[value] = token;
        return token;
    }

    /// <summary>Genesys: no header → <c>authentication.required</c>; unknown or expired → <c>bad.credentials</c>.</summary>
    public IssuedToken Authenticate(string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader) ||
            !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new GenesysApiException(401, "authentication.required",
                "No authentication bearer token specified in authorization header.");
        }

        var value = authorizationHeader["Bearer ".Length..].Trim();
        if (!_tokens.TryGetValue(value, out var token) || token.ExpiresAt <= time.GetUtcNow())
            throw new GenesysApiException(401, "bad.credentials", "Invalid login credentials.");
        return token;
    }

    /// <summary>Makes every issued token invalid at once (control API), as an org admin revoking would.</summary>
    public void ExpireAll() => _tokens.Clear();
}
