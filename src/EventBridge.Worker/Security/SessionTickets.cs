using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EventBridge.Worker.Security;

/// <summary>
/// Dashboard sessions kept in the worker, the cookie holding only a random key: logout removes the session, so a
/// cookie copied before logout stops working (a self-contained cookie would stay valid until it expires). Sessions
/// end with the process; people log in again after a restart.
/// </summary>
public sealed class SessionTickets(TimeProvider time) : ITicketStore
{
    private readonly ConcurrentDictionary<string, AuthenticationTicket> _tickets = new(StringComparer.Ordinal);

    public int Count => _tickets.Count;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        DropExpired();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _tickets[key] = ticket;
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        // Only a live session is renewed: one removed at logout must not come back through a sliding renewal.
        if (_tickets.ContainsKey(key)) _tickets[key] = ticket;
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!_tickets.TryGetValue(key, out var ticket)) return Task.FromResult<AuthenticationTicket?>(null);
        if (ticket.Properties.ExpiresUtc is { } expires && expires <= time.GetUtcNow())
        {
            _tickets.TryRemove(key, out _);
            return Task.FromResult<AuthenticationTicket?>(null);
        }

        return Task.FromResult<AuthenticationTicket?>(ticket);
    }

    public Task RemoveAsync(string key)
    {
        _tickets.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private void DropExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (key, ticket) in _tickets)
            if (ticket.Properties.ExpiresUtc is { } expires && expires <= now) _tickets.TryRemove(key, out _);
    }

    /// <summary>Puts the store behind the dashboard cookie.</summary>
    internal static void Use(IServiceCollection services)
    {
        services.AddSingleton<SessionTickets>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionTickets>((cookie, tickets) => cookie.SessionStore = tickets);
    }
}
