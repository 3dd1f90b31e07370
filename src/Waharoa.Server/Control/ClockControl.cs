using System.Globalization;
using Waharoa.Server.Clock;
using Waharoa.Time;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/clock</c>: the virtual clock. It moves forward (<c>advance</c>), to an instant (<c>set</c>), or back to
/// the real clock (<c>reset</c>), on every instance of the store at once.
/// </summary>
internal static class ClockControl
{
    public static RouteGroupBuilder MapClockControl(this RouteGroupBuilder group)
    {
        group.MapGet("/clock", (SharedClock shared) => Results.Json(View(shared.Clock), ControlJson.Options))
            .WithName("GetClock")
            .WithSummary("The server's clock: its now, the real clock's now, and the offset between them.")
            .Produces<ClockView>();

        group.MapPost("/clock/advance", async (HttpContext context, SharedClock shared, CancellationToken cancellationToken) =>
        {
            var (body, error) = await ReadAsync<ClockAdvance>(context, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (ClockDuration.Parse(body?.By) is not { } by)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_duration",
                    $"'by' must be {ClockDuration.Forms}: positive, at most {ClockDuration.Longest.TotalDays:0} days.");
            }

            return Answer(shared, await shared.AdvanceAsync(by, cancellationToken));
        })
        .WithName("AdvanceClock")
        .WithSummary("Moves the clock forward by a duration (8h, 90m, 30s, 2d, 1w, 1d2h30m, 1.02:00:00).")
        .Accepts<ClockAdvance>("application/json")
        .Produces<ClockView>()
        .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapPost("/clock/set", async (HttpContext context, SharedClock shared, CancellationToken cancellationToken) =>
        {
            var (body, error) = await ReadAsync<ClockSet>(context, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            if (!DateTimeOffset.TryParse(body?.To, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to) || !HasZone(body!.To!))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_instant",
                    "'to' must be an ISO 8601 instant with its offset, e.g. 2027-04-01T09:00+12:00 or 2027-03-31T21:00:00Z.");
            }

            return Answer(shared, await shared.SetAsync(to, cancellationToken));
        })
        .WithName("SetClock")
        .WithSummary("Moves the clock to an instant (not before the real clock's now).")
        .Accepts<ClockSet>("application/json")
        .Produces<ClockView>()
        .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapPost("/clock/reset", async (SharedClock shared, CancellationToken cancellationToken) =>
            Answer(shared, await shared.ResetAsync(cancellationToken)))
        .WithName("ResetClock")
        .WithSummary("Goes back to the real clock.")
        .Produces<ClockView>();
        return group;
    }

    /// <summary>What the clock reads now.</summary>
    public static ClockView View(VirtualClock clock)
    {
        var real = clock.Real.GetUtcNow();
        var offset = clock.Offset;
        return new ClockView(clock.Format(real + offset), clock.Format(real), ClockDuration.Format(offset), (long)offset.TotalMilliseconds, offset != TimeSpan.Zero);
    }

    private static IResult Answer(SharedClock shared, ClockMove move) =>
        move.Refusal is { } refusal
            ? ControlApi.Error(StatusCodes.Status400BadRequest, "clock_refused", refusal)
            : Results.Json(View(shared.Clock), ControlJson.Options);

    // An instant without its offset would be read in the server's zone: the caller says which it means.
    private static bool HasZone(string text) =>
        text.TrimEnd().EndsWith('Z') || text.TrimEnd().EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-][0-9]{2}:?[0-9]{2}\s*$");

    private static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var body = await System.Text.Json.JsonSerializer.DeserializeAsync<T>(context.Request.Body, ControlJson.Options, cancellationToken);
            return (body, null);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object, e.g. {\"by\":\"8h\"} or {\"to\":\"2027-04-01T09:00+12:00\"}."));
        }
    }
}

/// <summary>The clock: its <paramref name="Now"/>, the real clock's, the offset between them (short and in milliseconds), and whether it is moved.</summary>
public sealed record ClockView(string Now, string RealNow, string Offset, long OffsetMilliseconds, bool Virtual);

/// <summary>A move forward: <c>{"by": "8h"}</c>.</summary>
public sealed record ClockAdvance(string? By);

/// <summary>A move to an instant: <c>{"to": "2027-04-01T09:00+12:00"}</c>.</summary>
public sealed record ClockSet(string? To);
