using System.Globalization;
using Waharoa.OAuth;
using Waharoa.Server.Administration;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/consents</c> and <c>/control/tokens</c>: users' consents and their live grants and tokens (ids only, never a
/// token's value), and revoking one token, a grant, a consent or everything of a user. A revocation holds at once on this
/// instance and reaches the others as every revocation does (through Redis when there is one).
/// </summary>
internal static class TokenControl
{
    internal static RouteGroupBuilder MapTokenControl(this RouteGroupBuilder group)
    {
        group.MapGet("/consents", async (HttpContext context, IWaharoaStore store, Revocations revocations, TimeProvider time) =>
        {
            var (user, client) = Filters(context);
            return Results.Json(new ConsentList(await Core(store, revocations, time).ListConsentsAsync(user, client, context.RequestAborted)), ControlJson.Options);
        })
        .WithName("ListConsents")
        .WithSummary("The consents users gave to clients; filter by user (the myIR logon, any case) and client.")
        .Produces<ConsentList>();

        group.MapGet("/tokens", async (HttpContext context, IWaharoaStore store, Revocations revocations, TimeProvider time) =>
        {
            var (user, client) = Filters(context);
            var limit = 200;
            var query = context.Request.Query;
            if (query["limit"].Count > 0
                && (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > TokenAdministration.MostTokens))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be a whole number from 1 to {TokenAdministration.MostTokens}.");
            }

            return Results.Json(new GrantList(await Core(store, revocations, time).ListGrantsAsync(user, client, limit, context.RequestAborted)), ControlJson.Options);
        })
        .WithName("ListTokens")
        .WithSummary("The live grants (xIAMS and START) with their live access and refresh tokens, by id (a token's value is never kept); "
            + "filter by user and client; at most limit tokens (default 200), newest first.")
        .Produces<GrantList>()
        .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapPost("/tokens/{id}/revoke", async (string id, IWaharoaStore store, Revocations revocations, TimeProvider time, CancellationToken cancellationToken) =>
            await Core(store, revocations, time).RevokeTokenAsync(id, cancellationToken)
                ? Results.Json(new Revoked("token", id), ControlJson.Options)
                : ControlApi.Error(StatusCodes.Status404NotFound, "token_not_found", $"No live token has the id '{id}' (it may be revoked or expired already)."))
        .WithName("RevokeToken")
        .WithSummary("Revokes one token: the gateway and the token endpoints refuse it from the next call.")
        .Produces<Revoked>()
        .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/grants/{id}/revoke", async (string id, IWaharoaStore store, Revocations revocations, TimeProvider time, CancellationToken cancellationToken) =>
            await Core(store, revocations, time).RevokeGrantAsync(id, cancellationToken)
                ? Results.Json(new Revoked("grant", id), ControlJson.Options)
                : ControlApi.Error(StatusCodes.Status404NotFound, "grant_not_found", $"No live grant has the id '{id}' (it may be revoked already)."))
        .WithName("RevokeGrant")
        .WithSummary("Revokes a grant and every token in it (its access and refresh tokens); the user's consent stays.")
        .Produces<Revoked>()
        .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/consents/{user}/{client}/revoke", async (string user, string client, IWaharoaStore store, Revocations revocations, TimeProvider time, CancellationToken cancellationToken) =>
            await Core(store, revocations, time).RevokeConsentAsync(user, client, cancellationToken)
                ? Results.Json(new Revoked("consent", $"{user} {client}"), ControlJson.Options)
                : ControlApi.Error(StatusCodes.Status404NotFound, "consent_not_found", $"{user} has no consent for {client}."))
        .WithName("RevokeConsent")
        .WithSummary("Withdraws a user's consent to a client and revokes every grant between them: their tokens stop working at once, "
            + "and the next authorisation asks for consent again.")
        .Produces<Revoked>()
        .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/users/{user}/revoke", async (string user, IWaharoaStore store, Revocations revocations, TimeProvider time, CancellationToken cancellationToken) =>
            Results.Json(await Core(store, revocations, time).RevokeUserAsync(user, cancellationToken), ControlJson.Options))
        .WithName("RevokeUser")
        .WithSummary("Withdraws every consent a user gave and revokes every grant they hold, with every client.")
        .Produces<UserRevocation>();
        return group;
    }

    private static TokenAdministration Core(IWaharoaStore store, Revocations revocations, TimeProvider time) => new(store, revocations, time);

    private static (string? User, string? Client) Filters(HttpContext context)
    {
        var query = context.Request.Query;
        return (query["user"].ToString() is { Length: > 0 } u ? u.Trim() : null, query["client"].ToString() is { Length: > 0 } c ? c.Trim() : null);
    }
}

/// <summary>Consents, by user then client.</summary>
public sealed record ConsentList(IReadOnlyList<ConsentView> Consents);

/// <summary>Live grants with their live tokens.</summary>
public sealed record GrantList(IReadOnlyList<GrantView> Grants);

/// <summary>What was revoked: a <c>token</c>, <c>grant</c> or <c>consent</c>, and which.</summary>
public sealed record Revoked(string Kind, string Id);
