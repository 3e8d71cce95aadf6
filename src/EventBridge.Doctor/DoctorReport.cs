namespace EventBridge.Doctor;

/// <summary>Every finding in the order checked, and what the checks cost in Genesys calls.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorFinding> Findings, int GenesysCalls)
{
    /// <summary>0 when nothing failed (warnings allowed), 1 when something will make wrap-ups fail.</summary>
    public int ExitCode => Findings.Any(f => f.Verdict == DoctorVerdict.Fail) ? 1 : 0;

    public int Count(DoctorVerdict verdict) => Findings.Count(f => f.Verdict == verdict);

    /// <summary>
    /// The report as text lines. Findings quote Genesys's answers, so the caller escapes control characters before a
    /// terminal sees them.
    /// </summary>
    public IEnumerable<string> Lines(DoctorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        yield return $"EventBridge doctor: OAuth client {settings.ClientId} at {settings.Org}";
        var width = Findings.Count == 0 ? 0 : Findings.Max(f => f.Check.Length);
        foreach (var finding in Findings)
        {
            yield return $"{Label(finding.Verdict)}  {finding.Check.PadRight(width)}  {finding.Found}";
            if (finding.ToDo is { } toDo) yield return $"{new string(' ', 6 + width)}  → {toDo}";
        }

        var fails = Count(DoctorVerdict.Fail);
        yield return $"{GenesysCalls} Genesys calls; {fails} failed, {Count(DoctorVerdict.Warn)} warned, {Count(DoctorVerdict.Pass)} passed." +
                     (fails > 0 ? " Fix what failed before the first real conversation." : "");
    }

    private static string Label(DoctorVerdict verdict) => verdict switch
    {
        DoctorVerdict.Pass => "PASS",
        DoctorVerdict.Warn => "WARN",
        _ => "FAIL",
    };
}
