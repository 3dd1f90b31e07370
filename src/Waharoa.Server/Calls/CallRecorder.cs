using Microsoft.AspNetCore.Http.Features;
using Waharoa.Grants;
using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Calls;

/// <summary>
/// Records every OAuth call (both dialects, the logon and consent pages) and every gateway call: the request and the answer
/// as they pass (bodies up to <see cref="CallsOptions.MaxBodyBytes"/>, no copy beyond), handed with the call's
/// <see cref="CallNotes"/> to the <see cref="CallRecordWriter"/> once the answer is complete; redaction and storing happen
/// there, off the request path. The control API, health, metrics, the JWKS, the style sheet and the demo callback are not
/// DSP calls and are not recorded.
/// </summary>
internal sealed class CallRecorder(RequestDelegate next, CallsOptions options, CallRecordWriter writer, CallScope scope, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var area = scope.AreaOf(context, path);
        if (area is null)
        {
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        var at = time.GetUtcNow();
        var request = context.Request;
        var requestHeaders = Snapshot(request.Headers);
        var requestBody = new BodyCapture(options.MaxBodyBytes);
        var responseBody = new BodyCapture(options.MaxBodyBytes);
        var originalRequestBody = request.Body;
        request.Body = new CapturingRequestStream(originalRequestBody, requestBody);
        var originalResponseBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        var capturing = new CapturingResponseBody(originalResponseBody, responseBody, writer);
        context.Features.Set<IHttpResponseBodyFeature>(capturing);
        var notes = context.CallNotes();
        var completed = false;
        try
        {
            await next(context);
            await capturing.CompleteAsync();

            // What the server did not read of a small body (a call refused before its body was needed) is read now, up to
            // the limit, as the server would drain it anyway.
            if (!requestBody.Ended && !requestBody.IsFull && !context.RequestAborted.IsCancellationRequested && request.ContentLength is > 0)
            {
                await DrainAsync(request.Body, requestBody, context.RequestAborted);
            }

            completed = true;
        }
        finally
        {
            context.Features.Set(originalResponseBody);
            request.Body = originalRequestBody;
            if (!completed && capturing.Answering)
            {
                writer.Abandon();
            }
        }

        var status = context.Response.StatusCode;
        var aborted = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted;
        notes.ClientId ??= scope.ClientOf(context);
        var call = new CapturedCall(
            at,
            time.GetElapsedTime(started).TotalMilliseconds,
            context.GetGatewayEndpoint() == GatewayEndpoint.Cloud ? "cloud" : "desktop",
            area,
            request.Method,
            path + request.QueryString.Value,
            requestHeaders,
            requestBody,
            aborted ? 0 : status,
            Snapshot(context.Response.Headers),
            responseBody,
            notes);
        writer.Offer(call, capturing.Answering);
    }

    private static async Task DrainAsync(Stream body, BodyCapture capture, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (!capture.IsFull && await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException or InvalidOperationException)
        {
            // A body that cannot be read is recorded as far as it went.
        }
    }

    private static KeyValuePair<string, string>[] Snapshot(IHeaderDictionary headers)
    {
        var copy = new KeyValuePair<string, string>[headers.Count];
        var i = 0;
        foreach (var (name, value) in headers)
        {
            copy[i++] = new(name, value.ToString());
        }

        return copy;
    }
}

/// <summary>A call as captured, before redaction: what the <see cref="CallRecordWriter"/> turns into a record.</summary>
internal sealed record CapturedCall(
    DateTimeOffset At,
    double DurationMs,
    string Endpoint,
    string Area,
    string Method,
    string PathAndQuery,
    KeyValuePair<string, string>[] RequestHeaders,
    BodyCapture RequestBody,
    int Status,
    KeyValuePair<string, string>[] ResponseHeaders,
    BodyCapture ResponseBody,
    CallNotes Notes);

/// <summary>Registers call recording.</summary>
internal static class CallRecording
{
    public static IServiceCollection AddCallRecording(this IServiceCollection services, CallsOptions options, CallScope scope)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(scope);
        services.AddSingleton<CallRecordWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CallRecordWriter>());
        return services;
    }

    /// <summary>Records calls from here on (placed first, so that IR's 500 for a fault is recorded too).</summary>
    public static IApplicationBuilder UseCallRecording(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<CallsOptions>().Record ? app.UseMiddleware<CallRecorder>() : app;
}
