using System.CommandLine;
using System.Globalization;
using Waharoa.Server.Scenarios;
using Waharoa.Server.Seeding;

namespace Waharoa.Cli;

/// <summary><c>waharoa scenarios list|add|remove|clear</c>: scenario injection rules, over the running server's control API.</summary>
internal static class ScenariosCommand
{
    public static Command Create()
    {
        var command = new Command("scenarios", "Make IR misbehave on purpose: scenario injection rules (docs/scenarios.md)");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Clear());
        return command;
    }

    private static Command List()
    {
        var o = ControlClient.Options.Create();
        var cmd = o.Command("list", "List the rules, with what is left of each count and how often each acted");
        cmd.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async client =>
        {
            ControlClient.Print(await client.SendAsync(HttpMethod.Get, "/control/scenarios", null, ct));
            return 0;
        }));
        return cmd;
    }

    private static Command Add()
    {
        var o = ControlClient.Options.Create();
        var name = new Argument<string?>("name") { Description = "The rule's name (not with --file)", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "A YAML or JSON file of rules: a seed file's scenarios section, or a list" };
        var client = new Option<string?>("--client") { Description = "Match: the DSP's client_id" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Match: desktop or cloud" };
        var service = new Option<string?>("--service") { Description = "Match: intermediation, returns, employment, account-api, oauth, or a route's name" };
        var operation = new Option<string?>("--operation") { Description = "Match: the SOAP operation (File), REST resource (account/list) or OAuth call (token)" };
        var ird = new Option<string?>("--ird") { Description = "Match: an IRD number or customer ID found in the request" };
        var logon = new Option<string?>("--logon") { Description = "Match: the myIR logon" };
        var dialect = new Option<string?>("--dialect") { Description = "Match: the OAuth dialect, xiams or start" };
        var grantType = new Option<string?>("--grant-type") { Description = "Match: the token call's grant_type" };
        var status = new Option<int?>("--status") { Description = "Answer: this SOAP statusCode, with IR's text for the service" };
        var accountApi = new Option<string?>("--account-api") { Description = "Answer: this Account API error code (EV1022, ...)" };
        var oauthError = new Option<string?>("--oauth-error") { Description = "Answer: this OAuth error string of the dialect (invalid_grant, ...)" };
        var description = new Option<string?>("--description") { Description = "With --oauth-error: which of IR's descriptions of it" };
        var timeout = new Option<bool>("--gateway-timeout") { Description = "Answer: the gateway's 504 GatewayError" };
        var throttle = new Option<bool>("--throttle") { Description = "Answer: 429 with Retry-After" };
        var retryAfter = new Option<int?>("--retry-after") { Description = "With --throttle: the Retry-After seconds (default 30)" };
        var fault = new Option<bool>("--unauthorised-fault") { Description = "Answer: the SOAP UnAuthorised fault" };
        var latency = new Option<string?>("--latency") { Description = "Delay the call, then let it through (e.g. 1500ms, 2s; past the gateway timeout: 504)" };
        var reset = new Option<bool>("--reset") { Description = "Abort the connection" };
        var pass = new Option<bool>("--pass") { Description = "Let the call through (to count it)" };
        var count = new Option<long?>("--count") { Description = "Limit: the next N matching calls" };
        var share = new Option<double?>("--share") { Description = "Limit: a share (0 to 1) of the matching calls" };
        var from = new Option<string?>("--from") { Description = "Limit: from this time (ISO 8601, the server's clock)" };
        var to = new Option<string?>("--to") { Description = "Limit: until this time (ISO 8601, the server's clock)" };
        var cmd = o.Command("add", "Add a rule (or replace the one of its name), or the rules of a file", name, file, client, endpoint, service, operation, ird, logon,
            dialect, grantType, status, accountApi, oauthError, description, timeout, throttle, retryAfter, fault, latency, reset, pass, count, share, from, to);
        cmd.SetAction(async (parse, ct) =>
        {
            List<ScenarioDefinition> rules;
            if (parse.GetValue(file) is { } path)
            {
                try
                {
                    rules = [.. SeedReader.ReadScenarios(await File.ReadAllTextAsync(path, ct), path)];
                }
                catch (Exception e) when (e is SeedException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"error: {e.Message}");
                    return 1;
                }

                if (rules.Any(r => string.IsNullOrWhiteSpace(r.Name)))
                {
                    await Console.Error.WriteLineAsync($"error: {path}: every rule needs a name");
                    return 1;
                }
            }
            else if (parse.GetValue(name) is { Length: > 0 } ruleName)
            {
                var outcomes = new List<ScenarioAnswer>();
                if (parse.GetValue(status) is int s)
                {
                    outcomes.Add(new() { Outcome = "status", Code = s.ToString(CultureInfo.InvariantCulture) });
                }

                if (parse.GetValue(accountApi) is { } ev)
                {
                    outcomes.Add(new() { Outcome = "account-api", Code = ev });
                }

                if (parse.GetValue(oauthError) is { } error)
                {
                    outcomes.Add(new() { Outcome = "oauth-error", Code = error, Description = parse.GetValue(description) });
                }

                if (parse.GetValue(timeout))
                {
                    outcomes.Add(new() { Outcome = "gateway-timeout" });
                }

                if (parse.GetValue(throttle))
                {
                    outcomes.Add(new() { Outcome = "throttle", RetryAfter = parse.GetValue(retryAfter) });
                }

                if (parse.GetValue(fault))
                {
                    outcomes.Add(new() { Outcome = "unauthorised-fault" });
                }

                if (parse.GetValue(latency) is { } delay)
                {
                    outcomes.Add(new() { Outcome = "latency", Delay = delay });
                }

                if (parse.GetValue(reset))
                {
                    outcomes.Add(new() { Outcome = "reset" });
                }

                if (parse.GetValue(pass))
                {
                    outcomes.Add(new() { Outcome = "pass" });
                }

                if (outcomes.Count != 1)
                {
                    await Console.Error.WriteLineAsync("error: give exactly one answer: --status, --account-api, --oauth-error, --gateway-timeout, --throttle, --unauthorised-fault, --latency, --reset or --pass.");
                    return 1;
                }

                DateTimeOffset? Time(Option<string?> option)
                {
                    var text = parse.GetValue(option);
                    return text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                }

                ScenarioLimit? limit;
                try
                {
                    limit = new ScenarioLimit { Count = parse.GetValue(count), Share = parse.GetValue(share), From = Time(from), To = Time(to) };
                }
                catch (FormatException)
                {
                    await Console.Error.WriteLineAsync("error: --from and --to take an ISO 8601 time, e.g. 2027-04-01T09:00+12:00.");
                    return 1;
                }

                rules =
                [
                    new ScenarioDefinition
                    {
                        Name = ruleName,
                        Match = new ScenarioMatch
                        {
                            Client = parse.GetValue(client), Endpoint = parse.GetValue(endpoint), Service = parse.GetValue(service),
                            Operation = parse.GetValue(operation), Ird = parse.GetValue(ird), Logon = parse.GetValue(logon),
                            Dialect = parse.GetValue(dialect), GrantType = parse.GetValue(grantType),
                        },
                        Answer = outcomes[0],
                        Limit = limit is { Count: null, Share: null, From: null, To: null } ? null : limit,
                    },
                ];
            }
            else
            {
                await Console.Error.WriteLineAsync("error: name the rule (waharoa scenarios add NAME --service ... --status ...) or give --file.");
                return 1;
            }

            return await ControlClient.RunAsync(parse, o, async control =>
            {
                foreach (var rule in rules)
                {
                    ControlClient.Print(await control.SendAsync(HttpMethod.Put, "/control/scenarios/" + Uri.EscapeDataString(rule.Name!), rule, ct));
                }

                return 0;
            });
        });
        return cmd;
    }

    private static Command Remove()
    {
        var o = ControlClient.Options.Create();
        var name = new Argument<string>("name") { Description = "The rule's name" };
        var cmd = o.Command("remove", "Remove a rule", name);
        cmd.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async client =>
        {
            var ruleName = parse.GetValue(name)!;
            await client.SendAsync(HttpMethod.Delete, "/control/scenarios/" + Uri.EscapeDataString(ruleName), null, ct);
            Console.WriteLine($"removed scenario rule {ruleName}");
            return 0;
        }));
        return cmd;
    }

    private static Command Clear()
    {
        var o = ControlClient.Options.Create();
        var cmd = o.Command("clear", "Remove every rule");
        cmd.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async client =>
        {
            ControlClient.Print(await client.SendAsync(HttpMethod.Delete, "/control/scenarios", null, ct));
            return 0;
        }));
        return cmd;
    }
}
