using System.CommandLine;
using Waharoa.Server.Seeding;

namespace Waharoa.Cli;

/// <summary><c>waharoa seed FILE</c>: applies a seed file to a data folder, as <c>serve --seed</c> does at start.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Store();
        var file = new Argument<FileInfo>("file") { Description = "The seed file (YAML or JSON)" };
        var command = data.Command("seed", "Load test data (clients, users, customers, accounts, delegations, client lists) into a data folder", file);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var path = parse.GetValue(file)!.FullName;
            try
            {
                var applied = await SeedLoader.Into(store, TimeProvider.System).ApplyFileAsync(path, cancellationToken);
                Console.WriteLine(applied ? $"applied {path}" : $"unchanged: {path} was applied before");
                return 0;
            }
            catch (SeedException ex)
            {
                await Console.Error.WriteLineAsync($"error: seed: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
