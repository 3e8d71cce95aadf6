namespace EventBridge.Doctor;

/// <summary>Pass: fine as configured. Warn: works, but costs calls or risks something. Fail: wrap-ups will fail until fixed.</summary>
public enum DoctorVerdict
{
    Pass,
    Warn,
    Fail,
}
