using System.CommandLine;
using System.Globalization;
using Waharoa.Tokens;

namespace Waharoa.Cli;

/// <summary><c>waharoa keys list|rotate</c>: the token-signing keys every instance on the store shares.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "List or rotate the token-signing keys");

        var listStore = CommonOptions.Store();
        var list = listStore.Command("list", "List the signing keys: which signs, and until when the others verify");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, listStore, cancellationToken);
            await using (store)
            {
                var keys = await store.ListSigningKeysAsync(cancellationToken);
                var signing = SigningKeyRing.Signing(keys);
                foreach (var key in keys)
                {
                    var state = ReferenceEquals(key, signing) ? "signing" : key.RetiresAt is { } at ? $"verifies until {at:u}" : "verifying";
                    Console.WriteLine($"{key.KeyId}\t{key.CreatedAt:u}\t{state}");
                }
            }

            return 0;
        });

        var rotateStore = CommonOptions.Store();
        var retireAfter = new Option<string>("--retire-after")
        {
            // Default: IR's longest token lifetime (an xIAMS refresh token, six months), so no issued token outlives its key.
            Description = "How long the keys in use now keep verifying (their last tokens' lifetime): e.g. 183d, 8h, 30m",
            DefaultValueFactory = _ => "183d",
        };
        var rotateRedis = CommonOptions.Redis();
        var rotate = rotateStore.Command(
            "rotate", "Make a new signing key; the old ones verify until --retire-after from now, and the JWKS shows both", retireAfter, rotateRedis);
        rotate.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryParseDuration(parse.GetValue(retireAfter)!, out var after))
            {
                await Console.Error.WriteLineAsync($"error: --retire-after must be a number followed by d, h, m or s (e.g. 183d), not '{parse.GetValue(retireAfter)}'.");
                return 2;
            }

            // Instances take a rotation up within 10 s (without Redis): until then they still sign with the old key,
            // whose tokens must keep verifying.
            if (after < TimeSpan.FromMinutes(1))
            {
                await Console.Error.WriteLineAsync("error: --retire-after must be at least 1m: running instances may sign with the old key for up to 10 seconds after a rotation.");
                return 2;
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, rotateStore, cancellationToken);
            await using (store)
            {
                var key = await SigningKeyRing.RotateAsync(store, after, TimeProvider.System, cancellationToken);
                Console.WriteLine($"signing with {key.KeyId} from now on; the previous keys verify until {TimeProvider.System.GetUtcNow() + after:u}");
                await InstanceAnnouncement.SendAsync(
                    CommonOptions.ValueOrEnvironment(parse, rotateRedis), Server.Coordination.CoordinationTopics.SigningKeys, key.KeyId,
                    "running instances take the new key up within 10 seconds", cancellationToken);
                if (string.IsNullOrWhiteSpace(CommonOptions.ValueOrEnvironment(parse, rotateRedis)))
                {
                    Console.WriteLine("running instances take the new key up within 10 seconds");
                }
            }

            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(rotate);
        return command;
    }

    /// <summary>Parses <c>183d</c>, <c>8h</c>, <c>30m</c>, <c>45s</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0)
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            's' => TimeSpan.FromSeconds(amount),
            _ => null,
        };
        duration = parsed ?? default;
        return parsed is not null;
    }
}
