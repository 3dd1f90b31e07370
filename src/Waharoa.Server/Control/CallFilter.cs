using System.Globalization;
using Waharoa.Calls;

namespace Waharoa.Server.Control;

/// <summary>The filters of <c>/control/calls</c> and <c>/control/calls/stream</c>, read from the query string.</summary>
internal static class CallFilter
{
    /// <summary>The filters, for the OpenAPI summaries.</summary>
    public const string Description =
        "Filter by client, endpoint (desktop, cloud), area (oauth, gateway), service (or OAuth dialect), ird (IRD number or customer), "
        + "status (a code such as 401, a class such as 4xx, or refused: 400 and above, reset, or a refusal reason recorded) and time (from, to: ISO 8601).";

    /// <summary>The query's filters as a <see cref="CallQuery"/> (paging left to the caller), or the 400 answer for a bad one.</summary>
    public static IResult? Read(IQueryCollection query, out CallQuery filter)
    {
        filter = new CallQuery();
        if (ReadWindow(query, out var from, out var to) is { } bad)
        {
            return bad;
        }

        var endpoint = Text(query, "endpoint");
        if (endpoint is not (null or "desktop" or "cloud"))
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_endpoint", "endpoint must be desktop or cloud (for OAuth or gateway calls, use area).");
        }

        var area = Text(query, "area");
        if (area is not (null or "oauth" or "gateway"))
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_area", "area must be oauth or gateway.");
        }

        CallStatusFilter? status = null;
        if (Text(query, "status") is { } statusText && (status = CallStatusFilter.Parse(statusText)) is null)
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_status",
                "status must be an HTTP status (401; 0 for a reset connection), a class (1xx to 5xx) or refused.");
        }

        filter = new CallQuery(Text(query, "client"), from, to, Endpoint: endpoint, Area: area, Service: Text(query, "service"), IrdNumber: Text(query, "ird"), Status: status);
        return null;
    }

    /// <summary>The call number in the query's <paramref name="name"/> (null when absent), or the 400 answer for a bad one.</summary>
    public static IResult? ReadId(IQueryCollection query, string name, out long? id)
    {
        id = null;
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_" + name, name + " must be a call id (a whole number).");
        }

        id = value;
        return null;
    }

    /// <summary>The query's time window (<c>from</c>, <c>to</c>), or the 400 answer for a bad one.</summary>
    public static IResult? ReadWindow(IQueryCollection query, out DateTimeOffset? from, out DateTimeOffset? to)
    {
        from = to = null;
        foreach (var name in new[] { "from", "to" })
        {
            if (Text(query, name) is not { } text)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_" + name, $"{name} must be a time in ISO 8601 (2027-04-01T09:00:00+12:00).");
            }

            if (name == "from")
            {
                from = value;
            }
            else
            {
                to = value;
            }
        }

        return from is not null && to is not null && to <= from
            ? ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_window", "to must be after from.")
            : null;
    }

    // A filter left empty (a form's blank field) filters nothing.
    private static string? Text(IQueryCollection query, string name) => query[name].ToString().Trim() is { Length: > 0 } text ? text : null;
}
