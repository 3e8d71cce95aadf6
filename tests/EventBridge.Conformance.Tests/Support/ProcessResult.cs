namespace EventBridge.Conformance.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);
