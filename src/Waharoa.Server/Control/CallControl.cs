using System.Globalization;
using Waharoa.Calls;
using Waharoa.Server.Calls;
using Waharoa.Server.Start;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/calls</c>: the recorded calls (redacted), newest first, filtered; <c>/control/calls/stream</c>: the new ones as they
/// are stored (server-sent events); <c>/control/reports/behaviour/{clientId}</c>: a client's
/// behaviour against IR's rules.
/// </summary>
internal static class CallControl
{
    /// <summary>The most calls one page lists.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The most calls a behaviour report reads.</summary>
    public const int MaxReportCalls = 100_000;

    internal static RouteGroupBuilder MapCallControl(this RouteGroupBuilder group)
    {
        group.MapGet("/calls", async (HttpContext context, ICallRecordStore store, CallRecordWriter writer) =>
        {
            var query = context.Request.Query;
            if (CallFilter.Read(query, out var filter) is { } bad)
            {
                return bad;
            }

            var limit = 100;
            if (query["limit"].Count > 0 && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            }

            if (CallFilter.ReadId(query, "before", out var before) is { } badBefore)
            {
                return badBefore;
            }

            var content = query["content"].ToString();
            if (content is not ("" or "true" or "false"))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_content", "content must be true (headers and bodies, the default) or false (summaries).");
            }

            await writer.WaitUntilStoredAsync(context.RequestAborted);
            var calls = await store.ListCallsAsync(filter with { BeforeId = before, Limit = limit, WithoutContent = content == "false" }, context.RequestAborted);
            return Results.Json(new CallList(calls, calls.Count == limit ? calls[^1].Id : null), ControlJson.Options);
        })
        .WithName("ListCalls")
        .WithSummary("Recorded OAuth and gateway calls, newest first, secrets redacted. " + CallFilter.Description
            + " Page back with before (the nextBefore of the previous page); content=false leaves headers and bodies out.")
        .Produces<CallList>()
        .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapGet("/calls/stream", CallStream.StreamAsync)
        .WithName("StreamCalls")
        .WithSummary("Server-sent events (text/event-stream): each new recorded call, as it is stored, as a 'call' event whose data is the call "
            + "without headers and bodies (read those from /control/calls/{id}) and whose id is the call's. The same filters as the list ("
            + CallFilter.Description + "). Starts after the call numbered by after or the Last-Event-ID header (the later), else after the newest stored; "
            + "a comment line every 15 s keeps the connection open.")
        .Produces<RecordedCall>(StatusCodes.Status200OK, "text/event-stream")
        .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapGet("/calls/{id}", async (string id, ICallRecordStore store, CancellationToken cancellationToken) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_id", "A call id is a whole number.");
            }

            return await store.GetCallAsync(number, cancellationToken) is { } call
                ? Results.Json(call, ControlJson.Options)
                : ControlApi.Error(StatusCodes.Status404NotFound, "call_not_found", $"No recorded call {number} (it may have been dropped: only the newest calls of each client are kept).");
        })
        .WithName("GetCall")
        .WithSummary("One recorded call: the request and the answer (headers and bodies, redacted), why it was refused, the injected scenario, the flags.")
        .Produces<RecordedCall>()
        .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapGet("/reports/behaviour/{clientId}", async (string clientId, HttpContext context, ICallRecordStore store, CallRecordWriter writer, StartOptions start) =>
        {
            var query = context.Request.Query;
            if (CallFilter.ReadWindow(query, out var from, out var to) is { } bad)
            {
                return bad;
            }

            var format = query["format"].ToString() is { Length: > 0 } f ? f : "json";
            if (format is not ("json" or "md"))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_format", "format must be json or md.");
            }

            await writer.WaitUntilStoredAsync(context.RequestAborted);
            var calls = await store.ListCallsAsync(new CallQuery(clientId, from, to, Limit: MaxReportCalls), context.RequestAborted);
            var report = BehaviourRules.Build(clientId, from, to, calls, start.RefreshTokenLifetime);
            return format == "md"
                ? Results.Text(BehaviourRules.Markdown(report), "text/markdown; charset=utf-8")
                : Results.Json(report, ControlJson.Options);
        })
        .WithName("GetBehaviourReport")
        .WithSummary("A client's behaviour against IR's rules over a window (from, to: ISO 8601): faults retried sooner than 5 s, Retry-After ignored, refresh tokens reused, expired or revoked tokens, M2M JWTs over 8 hours or on the desktop endpoint, calls without a token, new logons while holding a refresh token, secrets in query strings; each with IR's document and section and the offending calls. format=md for Markdown.")
        .Produces<BehaviourReport>()
        .Produces<string>(StatusCodes.Status200OK, "text/markdown")
        .Produces<ControlError>(StatusCodes.Status400BadRequest);
        return group;
    }
}

/// <summary>A page of recorded calls, newest first; <paramref name="NextBefore"/> pages back (null: no more).</summary>
public sealed record CallList(IReadOnlyList<RecordedCall> Calls, long? NextBefore);
