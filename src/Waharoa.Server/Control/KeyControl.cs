using Waharoa.Server.Administration;
using Waharoa.Server.Coordination;
using Waharoa.Storage;
using Waharoa.Tokens;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/keys</c>: the token-signing keys every instance on the store shares (which signs, until when the others
/// verify), rotating them and retiring one, and where the JWKS that publishes them is.
/// </summary>
internal static class KeyControl
{
    internal static RouteGroupBuilder MapKeyControl(this RouteGroupBuilder group)
    {
        group.MapGet("/keys", async (HttpContext context, IWaharoaStore store, SigningKeyRing ring, ICoordinationBus bus, TimeProvider time, GatewayAddresses addresses) =>
            Results.Json(new KeyList(await Core(store, ring, bus, time).ListAsync(context.RequestAborted), addresses.Jwks(context.Request.Host.Host)), ControlJson.Options))
        .WithName("ListKeys")
        .WithSummary("The signing keys, oldest first: kid, algorithm, state (signing, verifying, retired), made and retiring times; and the JWKS links (both dialects').")
        .Produces<KeyList>();

        group.MapPost("/keys/rotate", async (HttpContext context, IWaharoaStore store, SigningKeyRing ring, ICoordinationBus bus, TimeProvider time) =>
        {
            KeyRotate? body = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    body = await System.Text.Json.JsonSerializer.DeserializeAsync<KeyRotate>(context.Request.Body, ControlJson.Options, context.RequestAborted);
                }
                catch (System.Text.Json.JsonException)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object such as {\"retireAfter\":\"183d\"}, or empty.");
                }
            }

            if (!KeyAdministration.TryParseRetireAfter(body?.RetireAfter, "'retireAfter'", out var after, out var error))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_retire_after", error!);
            }

            return Results.Json(await Core(store, ring, bus, time).RotateAsync(after, context.RequestAborted), ControlJson.Options);
        })
        .WithName("RotateKeys")
        .WithSummary("A new key signs from now on, on every instance; the keys in use verify until retireAfter from now (default 183d, at least 1m), so the JWKS shows both.")
        .Accepts<KeyRotate>("application/json")
        .Produces<KeyRotation>()
        .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapPost("/keys/{kid}/retire", async (string kid, IWaharoaStore store, SigningKeyRing ring, ICoordinationBus bus, TimeProvider time, CancellationToken cancellationToken) =>
            await Core(store, ring, bus, time).RetireAsync(kid, cancellationToken) switch
            {
                KeyRetirement.Retired => Results.Json(new Revoked("key", kid), ControlJson.Options),
                KeyRetirement.Signing => ControlApi.Error(StatusCodes.Status409Conflict, "key_signs", $"Key {kid} signs new tokens: rotate first, then retire it."),
                KeyRetirement.AlreadyRetired => ControlApi.Error(StatusCodes.Status409Conflict, "key_retired", $"Key {kid} is retired already."),
                _ => ControlApi.Error(StatusCodes.Status404NotFound, "key_not_found", $"No signing key has the kid '{kid}'."),
            })
        .WithName("RetireKey")
        .WithSummary("Key kid stops verifying now: tokens it signed are refused and the JWKS no longer lists it. The key that signs cannot be retired (rotate first).")
        .Produces<Revoked>()
        .Produces<ControlError>(StatusCodes.Status404NotFound)
        .Produces<ControlError>(StatusCodes.Status409Conflict);
        return group;
    }

    private static KeyAdministration Core(IWaharoaStore store, SigningKeyRing ring, ICoordinationBus bus, TimeProvider time) =>
        new(store, time, ring, kid => bus.PublishAsync(CoordinationTopics.SigningKeys, kid, CancellationToken.None));
}

/// <summary>The signing keys and the JWKS links.</summary>
public sealed record KeyList(IReadOnlyList<KeyView> Keys, IReadOnlyList<JwksLink> Jwks);

/// <summary>A rotation: how long the keys in use keep verifying (<c>183d</c>, <c>8h</c>, <c>30m</c>; default 183d).</summary>
public sealed record KeyRotate(string? RetireAfter);
