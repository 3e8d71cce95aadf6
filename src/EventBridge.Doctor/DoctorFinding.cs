namespace EventBridge.Doctor;

/// <summary>One check's answer: what was found, in plain words, and what to do about it when it is not a pass.</summary>
public sealed record DoctorFinding(string Check, DoctorVerdict Verdict, string Found, string? ToDo = null)
{
    public static DoctorFinding Pass(string check, string found) => new(check, DoctorVerdict.Pass, found);

    public static DoctorFinding Warn(string check, string found, string toDo) => new(check, DoctorVerdict.Warn, found, toDo);

    public static DoctorFinding Fail(string check, string found, string toDo) => new(check, DoctorVerdict.Fail, found, toDo);
}
