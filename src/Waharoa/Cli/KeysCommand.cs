using System.CommandLine;
using Waharoa.Server.Administration;
using Waharoa.Server.Control;
using Waharoa.Server.Coordination;
using Waharoa.Server.Data;

namespace Waharoa.Cli;

/// <summary>
/// <c>waharoa keys list|rotate|retire</c>: the token-signing keys every instance on the store shares. With a server running
/// on the data folder they go through its control API (so it takes a change up at once); otherwise to the store. Either
/// way the same <see cref="KeyAdministration"/> does the work.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "List, rotate or retire the token-signing keys");

        var listStore = CommonOptions.Store();
        var list = listStore.Command("list", "List the signing keys: which signs, and until when the others verify");
        list.SetAction(async (parse, cancellationToken) =>
        {
            IEnumerable<(string Kid, DateTimeOffset CreatedAt, string State, DateTimeOffset? RetiresAt)> keys;
            if (await StoreAccess.TryConnectAsync(parse, listStore, cancellationToken) is { } api)
            {
                using (api)
                {
                    var answer = await SendAsync(api, HttpMethod.Get, "/control/keys", null, cancellationToken);
                    if (answer is null)
                    {
                        return 1;
                    }

                    keys = (answer["keys"]?.AsArray() ?? []).Select(k => (
                        k!["kid"]!.GetValue<string>(), k["createdAt"]!.GetValue<DateTimeOffset>(), k["state"]!.GetValue<string>(), k["retiresAt"]?.GetValue<DateTimeOffset>()));
                }
            }
            else
            {
                var (_, store) = await StoreAccess.OpenAsync(parse, listStore, cancellationToken);
                await using (store)
                {
                    keys = (await new KeyAdministration(store, TimeProvider.System).ListAsync(cancellationToken)).Select(k => (k.Kid, k.CreatedAt, k.State, k.RetiresAt));
                }
            }

            foreach (var (kid, createdAt, state, retiresAt) in keys)
            {
                var shown = state == KeyView.Signing ? "signing" : retiresAt is { } at ? (state == KeyView.Retired ? $"retired at {at:u}" : $"verifies until {at:u}") : "verifying";
                Console.WriteLine($"{kid}\t{createdAt:u}\t{shown}");
            }

            return 0;
        });

        var rotateStore = CommonOptions.Store();
        var retireAfter = new Option<string>("--retire-after")
        {
            Description = "How long the keys in use now keep verifying (their last tokens' lifetime): e.g. 183d, 8h, 30m",
            DefaultValueFactory = _ => KeyAdministration.DefaultRetireAfter,
        };
        var rotateRedis = CommonOptions.Redis();
        var rotate = rotateStore.Command(
            "rotate", "Make a new signing key; the old ones verify until --retire-after from now, and the JWKS shows both", retireAfter, rotateRedis);
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            if (!KeyAdministration.TryParseRetireAfter(parse.GetValue(retireAfter), "--retire-after", out var after, out var error))
            {
                await Console.Error.WriteLineAsync($"error: {error}");
                return 2;
            }

            if (await StoreAccess.TryConnectAsync(parse, rotateStore, cancellationToken) is { } api)
            {
                using (api)
                {
                    var answer = await SendAsync(api, HttpMethod.Post, "/control/keys/rotate", new KeyRotate(parse.GetValue(retireAfter)), cancellationToken);
                    if (answer is null)
                    {
                        return 1;
                    }

                    Console.WriteLine($"signing with {answer["kid"]!.GetValue<string>()} from now on; the previous keys verify until {answer["previousVerifyUntil"]!.GetValue<DateTimeOffset>():u}");
                    Console.WriteLine("every instance takes the new key up within 10 seconds (at once with Redis)");
                }

                return 0;
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, rotateStore, cancellationToken);
            await using (store)
            {
                var rotation = await new KeyAdministration(store, TimeProvider.System).RotateAsync(after, cancellationToken);
                Console.WriteLine($"signing with {rotation.Kid} from now on; the previous keys verify until {rotation.PreviousVerifyUntil:u}");
                await AnnounceAsync(parse, rotateRedis, rotation.Kid, cancellationToken);
            }

            return 0;
        });

        var retireStore = CommonOptions.Store();
        var kidArgument = new Argument<string>("kid") { Description = "The key's kid, as 'keys list' shows it" };
        var retireRedis = CommonOptions.Redis();
        var retire = retireStore.Command(
            "retire", "Stop a key verifying now: tokens it signed are refused and the JWKS drops it (the key that signs cannot be retired: rotate first)", kidArgument, retireRedis);
        retire.SetAction(async (parse, cancellationToken) =>
        {
            var kid = parse.GetValue(kidArgument)!;
            if (await StoreAccess.TryConnectAsync(parse, retireStore, cancellationToken) is { } api)
            {
                using (api)
                {
                    if (await SendAsync(api, HttpMethod.Post, $"/control/keys/{Uri.EscapeDataString(kid)}/retire", null, cancellationToken) is null)
                    {
                        return 1;
                    }
                }

                Console.WriteLine($"retired {kid}: it no longer verifies");
                return 0;
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, retireStore, cancellationToken);
            await using (store)
            {
                var outcome = await new KeyAdministration(store, TimeProvider.System).RetireAsync(kid, cancellationToken);
                if (outcome != KeyRetirement.Retired)
                {
                    await Console.Error.WriteLineAsync(outcome switch
                    {
                        KeyRetirement.Signing => $"error: key {kid} signs new tokens: rotate first, then retire it.",
                        KeyRetirement.AlreadyRetired => $"error: key {kid} is retired already.",
                        _ => $"error: no signing key has the kid '{kid}'.",
                    });
                    return 1;
                }

                Console.WriteLine($"retired {kid}: it no longer verifies");
                await AnnounceAsync(parse, retireRedis, kid, cancellationToken);
            }

            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(rotate);
        command.Subcommands.Add(retire);
        return command;
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> SendAsync(ControlClient api, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            return await api.SendAsync(method, path, body, cancellationToken);
        }
        catch (ControlCallException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return null;
        }
    }

    // Instances take a change up within 10 s without Redis; with it, at once.
    private static async Task AnnounceAsync(ParseResult parse, Option<string?> redis, string kid, CancellationToken cancellationToken)
    {
        var configured = CommonOptions.ValueOrEnvironment(parse, redis);
        await InstanceAnnouncement.SendAsync(configured, CoordinationTopics.SigningKeys, kid, "running instances take the change up within 10 seconds", cancellationToken);
        if (string.IsNullOrWhiteSpace(configured))
        {
            Console.WriteLine("running instances take the change up within 10 seconds");
        }
    }
}
