using System.CommandLine;

namespace Waharoa.Cli;

/// <summary><c>waharoa consents list|revoke</c>: users' consents to clients.</summary>
internal static class ConsentsCommand
{
    public static Command Create()
    {
        var command = new Command("consents", "List or revoke users' consents");

        var data = CommonOptions.Store();
        var logon = new Option<string>("--logon") { Description = "The myIR user ID", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "The client_id", Required = true };
        var redis = CommonOptions.Redis();
        var revoke = data.Command("revoke", "Withdraw a user's consent for a client; its tokens stop working at once", logon, clientId, redis);
        revoke.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var user = parse.GetValue(logon)!;
            var client = parse.GetValue(clientId)!;
            var (revocations, announcement) = InstanceAnnouncement.Revocations(store, CommonOptions.ValueOrEnvironment(parse, redis), "running instances refuse its tokens within a second");
            if (!await revocations.RevokeConsentAsync(user, client, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: {user} has no consent for {client}.");
                return 1;
            }

            Console.WriteLine($"revoked consent of {user} for {client}");
            await announcement.PrintAsync();
            return 0;
        });

        var listData = CommonOptions.Store();
        var list = listData.Command("list", "List consents");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, listData, cancellationToken);
            await using var closing = store;
            foreach (var (user, client, at) in await store.ListConsentsAsync(cancellationToken))
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
