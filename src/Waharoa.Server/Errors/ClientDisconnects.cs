using Microsoft.AspNetCore.Connections;

namespace Waharoa.Server.Errors;

/// <summary>
/// A request whose client went away mid-request: nobody is left to answer, so the request is aborted. Kestrel would
/// otherwise try to drain the rest of a body nobody is sending, from a body reader a cancelled or failed read has left
/// marked as reading, and log that as an error ("automatic draining of the request body failed").
/// </summary>
internal static class ClientDisconnects
{
    /// <summary>
    /// Whether <paramref name="failure"/>, thrown while reading the request body, means the client has gone: the request
    /// was cancelled, or the connection was reset or closed under the read. A malformed body is not (Kestrel's
    /// <see cref="BadHttpRequestException"/>): that client is still there for its 400.
    /// </summary>
    public static bool HasGone(HttpContext context, Exception? failure)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A FIN or a reset cancels RequestAborted a moment after the read fails, so the failure itself is looked at too.
        return context.RequestAborted.IsCancellationRequested || IsDisconnect(failure);
    }

    /// <summary>Ends the request without an answer and without draining its body.</summary>
    public static void Abort(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Abort();
    }

    private static bool IsDisconnect(Exception? failure) => failure switch
    {
        null or BadHttpRequestException => false,
        OperationCanceledException or ConnectionResetException or ConnectionAbortedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsDisconnect),
        IOException io when io.InnerException is null => false,
        _ => IsDisconnect(failure.InnerException),
    };
}
