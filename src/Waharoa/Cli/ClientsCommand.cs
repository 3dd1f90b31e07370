using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Waharoa.Server.Administration;
using Waharoa.Server.Control;

namespace Waharoa.Cli;

/// <summary>
/// <c>waharoa clients add|list|remove|edit|rotate-secret|disable|enable</c>: DSP clients, changed through the running
/// server's control API when one runs on the data folder, else in the store directly.
/// </summary>
internal static partial class ClientsCommand
{
    public static Command Create()
    {
        var command = new Command("clients", "Manage DSP clients");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Edit());
        command.Subcommands.Add(RotateSecret());
        command.Subcommands.Add(SetDisabled(disabled: true));
        command.Subcommands.Add(SetDisabled(disabled: false));
        return command;
    }

    private static void PrintSecret(ClientWithSecret added)
    {
        Console.WriteLine($"client_id:     {added.Client.ClientId}");
        Console.WriteLine($"client_secret: {added.ClientSecret}");
    }

    private static Command List()
    {
        var data = CommonOptions.Store();
        var list = data.Command("list", "List DSP clients");
        list.SetAction((parse, cancellationToken) => RunAsync<List<ClientView>>(
            parse,
            data,
            async (clients, ct) => new([.. await clients.ListAsync(ct)]),
            api => api.SendAsync(HttpMethod.Get, "/control/clients", null, cancellationToken),
            clients =>
            {
                foreach (var client in clients)
                {
                    var certificate = client.CertificateThumbprint ?? (client.CertificateCommonName is { } listedCn ? "CN=" + listedCn : "-");
                    Console.WriteLine($"{client.ClientId}\t{client.Kind.ToString().ToLowerInvariant()}\t{string.Join(" ", client.RedirectUris)}\t{certificate}\t{string.Join(",", client.Services)}\t{client.Name}"
                        + (client.Disabled ? "\tdisabled" : string.Empty));
                }
            },
            cancellationToken));
        return list;
    }

    private static Command Remove()
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = "The client_id to remove" };
        var redis = CommonOptions.Redis();
        var remove = data.Command("remove", "Remove a DSP client and revoke every token it holds", id, redis);
        remove.SetAction(async (parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
            {
                using (api)
                {
                    // The running server tells every instance itself.
                    return await OverApiAsync(async () =>
                    {
                        await api.SendAsync(HttpMethod.Delete, ClientPath(clientId), null, cancellationToken);
                        Console.WriteLine($"removed {clientId}");
                        return 0;
                    });
                }
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var (revocations, announcement) = InstanceAnnouncement.Revocations(store, CommonOptions.ValueOrEnvironment(parse, redis), "running instances refuse its tokens within a second");
            if (await ClientAdministration.RemoveAsync(clientId, revocations, cancellationToken) is { } problem)
            {
                return await RefuseAsync(problem.Status, $"no client '{clientId}'.");
            }

            Console.WriteLine($"removed {clientId}");
            await announcement.PrintAsync();
            return 0;
        });
        return remove;
    }

    private static Command Edit()
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = "The client_id to change" };
        var name = new Option<string?>("--name") { Description = "Name shown on the consent page" };
        var kind = new Option<string?>("--kind") { Description = "cloud or native (native drops its certificates)" };
        kind.AcceptOnlyFromAmong("cloud", "native");
        var redirects = new Option<string[]>("--redirect-uri") { Description = "A redirect URI (repeat for several); replaces them all", AllowMultipleArgumentsPerToken = false };
        var services = new Option<string[]>("--service") { Description = "A gateway web service (repeat); replaces them all (* = every service)", AllowMultipleArgumentsPerToken = false };
        var customer = new Option<string?>("--customer-ird") { Description = "The IRD number of the DSP's own customer (\"\" removes it)" };
        var platforms = new Option<string[]>("--software-platform") { Description = "A software platform value (repeat); replaces them all", AllowMultipleArgumentsPerToken = false };
        var edit = data.Command("edit", "Change a DSP client's name, kind, redirect URIs, services, customer or software platforms (what is not given stays)", id, name, kind, redirects, services, customer, platforms);
        edit.SetAction((parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            var request = new ClientChangeRequest(
                parse.GetValue(name),
                parse.GetValue(kind),
                parse.GetValue(redirects) is { Length: > 0 } uris ? uris : null,
                parse.GetValue(services) is { Length: > 0 } names ? names : null,
                parse.GetValue(customer),
                parse.GetValue(platforms) is { Length: > 0 } values ? values : null);
            return RunAsync<ClientView>(
                parse,
                data,
                (clients, ct) => clients.EditAsync(clientId, request, ct),
                api => api.SendAsync(HttpMethod.Patch, ClientPath(clientId), request, cancellationToken),
                client => Console.WriteLine($"changed {client.ClientId}"),
                cancellationToken);
        });
        return edit;
    }

    private static Command RotateSecret()
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = "The client_id whose secret to replace" };
        var rotate = data.Command("rotate-secret", "Give a DSP client a new random secret, printed once; the old one stops working at once", id);
        rotate.SetAction((parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            return RunAsync<ClientWithSecret>(
                parse,
                data,
                (clients, ct) => clients.RotateSecretAsync(clientId, ct),
                api => api.SendAsync(HttpMethod.Post, ClientPath(clientId) + "/secret", null, cancellationToken),
                PrintSecret,
                cancellationToken);
        });
        return rotate;
    }

    private static Command SetDisabled(bool disabled)
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = disabled ? "The client_id to disable" : "The client_id to enable" };
        var verb = disabled ? "disable" : "enable";
        var command = data.Command(
            verb,
            disabled ? "Disable a DSP client: the OAuth endpoints and the gateway refuse it as an unknown client until it is enabled" : "Enable a disabled DSP client again",
            id);
        command.SetAction((parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            return RunAsync<ClientView>(
                parse,
                data,
                (clients, ct) => clients.SetDisabledAsync(clientId, disabled, ct),
                api => api.SendAsync(HttpMethod.Post, ClientPath(clientId) + "/" + verb, null, cancellationToken),
                client => Console.WriteLine($"{verb}d {client.ClientId}"),
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// One management action: over the running server's control API when one runs on the data folder (it sees the change
    /// at once), else on the store directly (a server running without its control API sees it within a second); both
    /// through <see cref="ClientAdministration"/>.
    /// </summary>
    private static async Task<int> RunAsync<T>(
        ParseResult parse,
        StoreOptions data,
        Func<ClientAdministration, CancellationToken, Task<ClientOutcome<T>>> offline,
        Func<ControlClient, Task<JsonNode?>> online,
        Action<T> print,
        CancellationToken cancellationToken)
    {
        if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
        {
            using (api)
            {
                return await OverApiAsync(async () =>
                {
                    print((await online(api)).Deserialize<T>(ControlJson.Options)!);
                    return 0;
                });
            }
        }

        var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
        await using var closing = store;
        var outcome = await offline(new ClientAdministration(store, TimeProvider.System), cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return await RefuseAsync(problem.Status, problem.Message);
        }

        print(outcome.Value!);
        return 0;
    }

    /// <summary>Runs a call to the control API; its refusal is printed as the store path prints the same refusal.</summary>
    private static async Task<int> OverApiAsync(Func<Task<int>> call)
    {
        try
        {
            return await call();
        }
        catch (ControlCallException ex)
        {
            // "400: message": the API's status, then its words.
            var colon = ex.Message.IndexOf(':', StringComparison.Ordinal);
            var status = colon > 0 && int.TryParse(ex.Message[..colon], System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
            return await RefuseAsync(status, colon > 0 ? ex.Message[(colon + 1)..].Trim() : ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return await RefuseAsync(0, $"the running server's control API did not answer ({ex.Message}).");
        }
    }

    /// <summary>Prints <paramref name="message"/> as an error: exit code 2 for bad input (400), else 1.</summary>
    private static async Task<int> RefuseAsync(int status, string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        return status == 400 ? 2 : 1;
    }


    private static string ClientPath(string clientId) => "/control/clients/" + Uri.EscapeDataString(clientId);
}
