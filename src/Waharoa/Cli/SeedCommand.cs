using System.CommandLine;
using Waharoa.Server.Administration;
using Waharoa.Server.Data;
using Waharoa.Server.Seeding;

namespace Waharoa.Cli;

/// <summary>
/// <c>waharoa seed FILE</c>: loads a seed file, as <c>serve --seed</c> does at start; <c>seed export</c> writes the test data
/// as one. Through the running server's control API when one runs on the data folder, else on the store directly.
/// </summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Store();
        var file = new Argument<FileInfo>("file") { Description = "The seed file (YAML or JSON)" };
        var command = data.Command("seed", "Load test data (clients, users, customers, accounts, delegations, client lists) into a data folder; 'export' writes it out", file);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!.FullName;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: seed: {path}: cannot be read: {ex.Message}");
                return 2;
            }

            bool applied;
            try
            {
                if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
                {
                    using (api)
                    {
                        var answer = await api.SendTextAsync(HttpMethod.Post, "/control/data/seed?source=" + Uri.EscapeDataString(path) + "&folder=" + Uri.EscapeDataString(Path.GetDirectoryName(path)!), text, "application/yaml", cancellationToken);
                        applied = answer?["applied"]?.GetValue<bool>() == true;
                    }
                }
                else
                {
                    var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
                    await using var closing = store;
                    applied = (await new TestDataAdministration(store, TimeProvider.System).LoadSeedAsync(text, path, Path.GetDirectoryName(path)!, cancellationToken)).Applied;
                }
            }
            catch (SeedException ex)
            {
                await Console.Error.WriteLineAsync($"error: seed: {ex.Message}");
                return 2;
            }
            catch (ControlCallException ex) when (ex.Status == 400)
            {
                await Console.Error.WriteLineAsync($"error: seed: {ex.Message["400: ".Length..]}");
                return 2;
            }
            catch (ControlCallException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }

            Console.WriteLine(applied ? $"applied {path}" : $"unchanged: {path} was applied before");
            return 0;
        });

        var exportData = CommonOptions.Store();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the seed file here (default: standard output)" };
        var export = exportData.Command("export", "Write the test data (users, customers, accounts, returns, employees, delegations, client lists, scenarios) as a seed file", output);
        export.SetAction(async (parse, cancellationToken) =>
        {
            string text;
            try
            {
                if (await StoreAccess.TryConnectAsync(parse, exportData, cancellationToken) is { } api)
                {
                    using (api)
                    {
                        text = System.Text.Encoding.UTF8.GetString(await api.GetBytesAsync("/control/data/seed", cancellationToken));
                    }
                }
                else
                {
                    var (_, store) = await StoreAccess.OpenAsync(parse, exportData, cancellationToken);
                    await using var closing = store;
                    text = await new TestDataAdministration(store, TimeProvider.System).ExportAsync(cancellationToken);
                }
            }
            catch (ControlCallException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }

            if (parse.GetValue(output) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, text, cancellationToken);
                await Console.Error.WriteLineAsync($"exported the test data to {target.FullName}");
            }
            else
            {
                Console.Write(text);
            }

            return 0;
        });
        command.Subcommands.Add(export);
        return command;
    }
}
