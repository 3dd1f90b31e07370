using System.CommandLine;
using Waharoa.Security;
using Waharoa.Users;

namespace Waharoa.Cli;

/// <summary><c>waharoa users add|list</c>: myIR users.</summary>
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
            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var userLogon = parse.GetValue(logon)!.Trim();
            if (userLogon.Length is 0 or > 100)
            {
                await Console.Error.WriteLineAsync("error: the logon must be 1 to 100 characters.");
                return 2;
            }

            var userPassword = parse.GetValue(password) ?? SecretHasher.NewSecret()[..16];
            if (!await store.AddUserAsync(new MyIrUser(userLogon, UserPasswordHasher.Hash(userPassword), TimeProvider.System.GetUtcNow()), cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: a user with logon '{userLogon}' already exists.");
                return 1;
            }

            Console.WriteLine($"logon:    {userLogon}");
            Console.WriteLine($"password: {userPassword}");
            return 0;
        });

        var listData = CommonOptions.Store();
        var list = listData.Command("list", "List myIR users");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, listData, cancellationToken);
            await using var closing = store;
            foreach (var user in await store.ListUsersAsync(cancellationToken))
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
