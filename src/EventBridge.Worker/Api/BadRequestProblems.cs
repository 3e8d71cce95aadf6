using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace EventBridge.Worker.Api;

/// <summary>
/// A body that is not JSON, or JSON of the wrong shape, answers with a problem that says what was wrong (the JSON
/// path and line), not an empty 400: a gateway developer must be able to fix the request from the answer alone. The
/// words are ours, not the framework's: its messages name .NET types and parameters, which tell an attacker more than
/// they tell a caller.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Title = "The request could not be read", Detail = Describe(badRequest), Status = badRequest.StatusCode },
        });
    }

    private static string Describe(BadHttpRequestException badRequest) => badRequest switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            $"The body is larger than this endpoint accepts (at most {ApiSetup.MaxRequestBodyBytes} bytes, less for some endpoints).",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "Send the body as JSON with Content-Type: application/json.",
        { InnerException: JsonException json } =>
            $"The body is not the JSON this endpoint takes{(json.Path is { Length: > 0 } path ? $" (at {path}" : " (")}" +
            $"{(json.LineNumber is { } line ? $", line {line + 1}" : "")}{(json.BytePositionInLine is { } position ? $", position {position + 1}" : "")})" +
            // The contract's own converters say what the field must be, in words written for callers.
            (json is EventBridge.Contracts.FieldFormatException field ? $": the field {field.Requirement}." : "."),
        _ => "The body is missing or is not the JSON this endpoint takes.",
    };
}
