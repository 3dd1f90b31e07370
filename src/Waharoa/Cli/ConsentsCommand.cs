using System.CommandLine;
using Waharoa.Server.Administration;
using Waharoa.Server.Data;

namespace Waharoa.Cli;

/// <summary>
/// <c>waharoa consents list|revoke</c>: users' consents to clients. With a server running on the data folder they go through
/// its control API (so the revocation holds on it at once); otherwise to the store. Either way the same
/// <see cref="TokenAdministration"/> does the work.
/// </summary>
internal static class ConsentsCommand
{
    public static Command Create()
    {
        var command = new Command("consents", "List or revoke users' consents");

        var data = CommonOptions.Store();
        var logon = new Option<string>("--logon") { Description = "The myIR user ID", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "The client_id", Required = true };
        var redis = CommonOptions.Redis();
        var revoke = data.Command("revoke", "Withdraw a user's consent for a client; its tokens stop working (at once through a running server, within a second otherwise)", logon, clientId, redis);
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            var user = parse.GetValue(logon)!;
            var client = parse.GetValue(clientId)!;
            bool withdrawn;
            InstanceAnnouncement? announcement = null;
            if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
            {
                using (api)
                {
                    try
                    {
                        await api.SendAsync(HttpMethod.Post, $"/control/consents/{Uri.EscapeDataString(user)}/{Uri.EscapeDataString(client)}/revoke", null, cancellationToken);
                        withdrawn = true;
                    }
                    catch (ControlCallException ex) when (ex.Message.StartsWith("404:", StringComparison.Ordinal))
                    {
                        withdrawn = false;
                    }
                    catch (ControlCallException ex)
                    {
                        await Console.Error.WriteLineAsync($"error: {ex.Message}");
                        return 1;
                    }
                }
            }
            else
            {
                var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
                await using var closing = store;
                var (revocations, announced) = InstanceAnnouncement.Revocations(store, CommonOptions.ValueOrEnvironment(parse, redis), "running instances refuse its tokens within a second");
                announcement = announced;
                withdrawn = await new TokenAdministration(store, revocations, TimeProvider.System).RevokeConsentAsync(user, client, cancellationToken);
            }

            if (!withdrawn)
            {
                await Console.Error.WriteLineAsync($"error: {user} has no consent for {client}.");
                return 1;
            }

            Console.WriteLine($"revoked consent of {user} for {client}");
            if (announcement is not null)
            {
                await announcement.PrintAsync();
            }

            return 0;
        });

        var listData = CommonOptions.Store();
        var list = listData.Command("list", "List consents");
        list.SetAction(async (parse, cancellationToken) =>
        {
            IEnumerable<(string User, string Client, DateTimeOffset At)> consents;
            if (await StoreAccess.TryConnectAsync(parse, listData, cancellationToken) is { } api)
            {
                using (api)
                {
                    try
                    {
                        var answer = await api.SendAsync(HttpMethod.Get, "/control/consents", null, cancellationToken);
                        consents = (answer?["consents"]?.AsArray() ?? []).Select(c => (
                            c!["user"]!.GetValue<string>(), c["client"]!.GetValue<string>(), c["grantedAt"]!.GetValue<DateTimeOffset>()));
                    }
                    catch (ControlCallException ex)
                    {
                        await Console.Error.WriteLineAsync($"error: {ex.Message}");
                        return 1;
                    }
                }
            }
            else
            {
                var (_, store) = await StoreAccess.OpenAsync(parse, listData, cancellationToken);
                await using var closing = store;
                consents = (await new TokenAdministration(store, InstanceAnnouncement.Revocations(store, null, "").Revocations, TimeProvider.System)
                    .ListConsentsAsync(null, null, cancellationToken)).Select(c => (c.User, c.Client, c.GrantedAt));
            }

            foreach (var (user, client, at) in consents)
            {
                Console.WriteLine($"{user}\t{client}\t{at:u}");
            }

            return 0;
        });

        command.Subcommands.Add(revoke);
        command.Subcommands.Add(list);
        return command;
    }
}
