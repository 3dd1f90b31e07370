using System.Globalization;

namespace Waharoa.Server.Endpoints;

/// <summary>
/// Endpoint metadata: how an endpoint answers a call throttled before it runs, in its own dialect's form. The
/// <c>Retry-After</c> header is set before <see cref="WriteAsync"/> is called.
/// </summary>
internal sealed class ThrottledAnswer(Func<HttpContext, TimeSpan, Task> write)
{
    public Task WriteAsync(HttpContext context, TimeSpan retryAfter) => write(context, retryAfter);

    /// <summary>Whole seconds to wait, at least one, as <c>Retry-After</c> and the answers' texts give them.</summary>
    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>Sets <c>Retry-After</c> on the response.</summary>
    public static void SetRetryAfter(HttpContext context, TimeSpan retryAfter) =>
        context.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
}
