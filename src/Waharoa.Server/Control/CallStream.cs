using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Waharoa.Calls;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/calls/stream</c>: each new recorded call as a server-sent event, read from the store (so every instance on a
/// shared store streams the same calls, whichever recorded them). Polls the store for calls after the last one sent; ends when
/// the client goes away or the server stops.
/// </summary>
internal static class CallStream
{
    /// <summary>How often the store is asked for new calls (real time: the virtual clock may stand still).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stream stays silent before a comment line tells the client (and any proxy) it is alive.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    // Instances on a shared store number their calls from one sequence but commit in their own time: a call numbered below
    // one already read may still arrive. Calls this many numbers below the newest seen are read again (and sent once).
    private const int Lookback = 100;

    private const int Batch = 100;

    public static async Task StreamAsync(HttpContext context, ICallRecordStore store, IHostApplicationLifetime lifetime)
    {
        var query = context.Request.Query;
        var bad = CallFilter.Read(query, out var filter);
        var badAfter = CallFilter.ReadId(query, "after", out var after);
        if ((bad ?? badAfter) is { } error)
        {
            await error.ExecuteAsync(context);
            return;
        }

        // A browser reconnecting sends the last id it was sent, which is newer than the after= of the address it opened.
        if (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var resumed))
        {
            after = Math.Max(resumed, after ?? 0);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = stop.Token;
        try
        {
            var start = after ?? await NewestAsync(store, token);
            var response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await WriteAsync(response, "retry: 2000\n: waiting for calls\n\n", token);

            var sent = new HashSet<long>();
            var settled = start;
            var quiet = TimeSpan.Zero;
            using var timer = new PeriodicTimer(PollInterval);
            while (await timer.WaitForNextTickAsync(token))
            {
                var newest = await NewestAsync(store, token);
                var wrote = false;
                var from = settled;
                while (true)
                {
                    var calls = await store.ListCallsAsync(filter with { AfterId = from, OldestFirst = true, WithoutContent = true, Limit = Batch }, token);
                    foreach (var call in calls.Where(c => sent.Add(c.Id)))
                    {
                        await WriteAsync(response, Event(call), token);
                        wrote = true;
                    }

                    if (calls.Count < Batch)
                    {
                        break;
                    }

                    from = calls[^1].Id;
                }

                settled = Math.Max(settled, newest - Lookback);
                sent.RemoveWhere(id => id <= settled);
                quiet = wrote ? TimeSpan.Zero : quiet + PollInterval;
                if (quiet >= HeartbeatInterval)
                {
                    await WriteAsync(response, ": heartbeat\n\n", token);
                    quiet = TimeSpan.Zero;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away or the server is stopping.
        }
    }

    private static async Task<long> NewestAsync(ICallRecordStore store, CancellationToken cancellationToken) =>
        (await store.ListCallsAsync(new CallQuery(Limit: 1, WithoutContent: true), cancellationToken)).FirstOrDefault()?.Id ?? 0;

    private static string Event(RecordedCall call) =>
        $"id: {call.Id.ToString(CultureInfo.InvariantCulture)}\nevent: call\ndata: {JsonSerializer.Serialize(call, ControlJson.Compact)}\n\n";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
