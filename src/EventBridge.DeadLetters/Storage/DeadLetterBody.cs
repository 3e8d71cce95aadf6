namespace EventBridge.DeadLetters.Storage;

/// <summary>How <see cref="DeadLetter.Body"/> holds the message body.</summary>
public static class DeadLetterBody
{
    /// <summary>The body was valid UTF-8 and is kept as text.</summary>
    public const string Utf8 = "utf-8";

    /// <summary>The body was not valid UTF-8, or held a NUL byte: its bytes, base64.</summary>
    public const string Base64 = "base64";
}
