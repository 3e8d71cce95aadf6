using Microsoft.AspNetCore.Diagnostics;

namespace EventBridge.Worker.Api;

/// <summary>
/// A body that is not JSON, or JSON of the wrong shape, answers with a problem that says what was wrong (the JSON
/// path and line), not an empty 400: a gateway developer must be able to fix the request from the answer alone.
/// </summary>
internal sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        var detail = badRequest.InnerException is { } cause ? $"{badRequest.Message} {cause.Message}" : badRequest.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Title = "The request could not be read", Detail = detail, Status = badRequest.StatusCode },
        });
    }
}
