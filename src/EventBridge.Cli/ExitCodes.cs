namespace EventBridge.Cli;

/// <summary>What a script can branch on; documented in the CLI's README and never renumbered.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line could not be read (System.CommandLine's own code for a parse error).</summary>
    public const int Usage = 1;

    /// <summary>404: no such intent, letter or group retry.</summary>
    public const int NotFound = 2;

    /// <summary>400 or 409: EventBridge understood and said no (a retry that cannot help, a letter not Open, a count that changed).</summary>
    public const int Refused = 3;

    /// <summary>401 or 403: no key, a wrong key, or a role that may not do this (a viewer retrying).</summary>
    public const int NotAllowed = 4;

    /// <summary>The worker is not reachable, timed out, or failed (5xx, 503 while the broker is away): try again later.</summary>
    public const int Unavailable = 5;

    public static int ForStatus(int status) => status switch
    {
        >= 200 and < 300 => Ok,
        404 => NotFound,
        400 or 409 or 422 => Refused,
        401 or 403 => NotAllowed,
        _ => Unavailable,
    };
}
