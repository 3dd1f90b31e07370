using System.CommandLine;
using System.Text.Json;
using Waharoa.Server.Administration;
using Waharoa.Server.Control;
using Waharoa.Server.Data;

namespace Waharoa.Cli;

/// <summary><c>waharoa users add|list</c>: myIR users, through the running server's control API when one runs, else on the store directly.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage myIR users");

        var data = CommonOptions.Store();
        var logon = new Option<string>("--logon") { Description = "The myIR user ID", Required = true };
        var password = new Option<string?>("--password") { Description = "The password (default: a new random one, printed once)" };
        var add = data.Command("add", "Add a myIR user", logon, password);
        add.SetAction(async (parse, cancellationToken) =>
        {
            var userLogon = parse.GetValue(logon)!.Trim();
            var userPassword = parse.GetValue(password);
            try
            {
                UserAdded added;
                if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
                {
                    using (api)
                    {
                        var answer = await api.SendAsync(HttpMethod.Post, "/control/data/users", new UserPost(userLogon, userPassword), cancellationToken);
                        added = new UserAdded(userLogon, true, userPassword ?? answer?["password"]?.GetValue<string>() ?? string.Empty, userPassword is null);
                    }
                }
                else
                {
                    var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
                    await using var closing = store;
                    added = await new TestDataAdministration(store, TimeProvider.System).AddUserAsync(userLogon, userPassword, cancellationToken);
                }

                if (!added.Added)
                {
                    await Console.Error.WriteLineAsync($"error: a user with logon '{userLogon}' already exists.");
                    return 1;
                }

                Console.WriteLine($"logon:    {added.Logon}");
                Console.WriteLine($"password: {added.Password}");
                return 0;
            }
            catch (TestDataException ex)
            {
                await Console.Error.WriteLineAsync($"error: {char.ToLowerInvariant(ex.Message[0])}{ex.Message[1..]}");
                return 2;
            }
            catch (ControlCallException ex) when (ex.Status is 400 or 409)
            {
                await Console.Error.WriteLineAsync(ex.Status == 409 ? $"error: a user with logon '{userLogon}' already exists." : $"error: {ex.Message["400: ".Length..]}");
                return ex.Status == 409 ? 1 : 2;
            }
        });

        var listData = CommonOptions.Store();
        var list = listData.Command("list", "List myIR users");
        list.SetAction(async (parse, cancellationToken) =>
        {
            IEnumerable<UserView> users;
            if (await StoreAccess.TryConnectAsync(parse, listData, cancellationToken) is { } api)
            {
                using (api)
                {
                    users = (await api.SendAsync(HttpMethod.Get, "/control/data/users", cancellationToken: cancellationToken)).Deserialize<List<UserView>>(ControlJson.Options) ?? [];
                }
            }
            else
            {
                var (_, store) = await StoreAccess.OpenAsync(parse, listData, cancellationToken);
                await using var closing = store;
                users = await new TestDataAdministration(store, TimeProvider.System).ListUsersAsync(cancellationToken);
            }

            foreach (var user in users.Where(u => u.CanSignIn))
            {
                Console.WriteLine($"{user.Logon}\tadded {user.CreatedAt:u}");
            }

            return 0;
        });

        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }
}
