using System.CommandLine;
using System.Text;
using System.Globalization;

namespace Waharoa.Cli;

/// <summary><c>waharoa calls list|show</c> and <c>waharoa behaviour</c>: the recorded calls and a client's behaviour report, over the control API.</summary>
internal static class CallsCommand
{
    public static Command Create()
    {
        var command = new Command("calls", "The recorded OAuth and gateway calls (secrets redacted), from the running server");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    public static Command Behaviour()
    {
        var o = ControlClient.Options.Create();
        var client = new Argument<string>("client-id") { Description = "The DSP client" };
        var from = new Option<string?>("--from") { Description = "Start of the window (ISO 8601, e.g. 2027-04-01T09:00+12:00); default: the oldest call kept" };
        var to = new Option<string?>("--to") { Description = "End of the window (ISO 8601); default: now" };
        var format = new Option<string>("--format") { Description = "md (Markdown) or json", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json");
        var cmd = o.Command("behaviour", "A client's behaviour against IR's rules: each finding with IR's document and section and the offending calls", client, from, to, format);
        cmd.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async api =>
        {
            var path = new StringBuilder("/control/reports/behaviour/").Append(Uri.EscapeDataString(parse.GetValue(client)!));
            path.Append("?format=").Append(parse.GetValue(format));
            Append(path, "from", parse.GetValue(from));
            Append(path, "to", parse.GetValue(to));
            var bytes = await api.GetBytesAsync(path.ToString(), ct);
            Console.Write(Encoding.UTF8.GetString(bytes));
            return 0;
        }));
        return cmd;
    }

    private static Command List()
    {
        var o = ControlClient.Options.Create();
        var client = new Option<string?>("--client-id") { Description = "Only this client's calls" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1 to 1000)", DefaultValueFactory = _ => 20 };
        var cmd = o.Command("list", "The newest recorded calls: id, time, client, endpoint, service, operation, status, IR code", client, limit);
        cmd.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async api =>
        {
            var path = new StringBuilder("/control/calls?limit=").Append(parse.GetValue(limit).ToString(CultureInfo.InvariantCulture));
            Append(path, "client", parse.GetValue(client));
            var json = await api.SendAsync(HttpMethod.Get, path.ToString(), cancellationToken: ct);
            foreach (var call in json?["calls"]?.AsArray() ?? [])
            {
                Console.WriteLine(string.Join('\t',
                    call!["id"], call["at"], call["clientId"] ?? "-", call["endpoint"], call["service"] ?? "-", call["operation"] ?? "-", call["method"],
                    call["status"], call["irCode"] ?? "-", call["reason"] ?? ""));
            }

            return 0;
        }));
        return cmd;
    }

    private static Command Show()
    {
        var o = ControlClient.Options.Create();
        var id = new Argument<long>("id") { Description = "The call's id (from 'waharoa calls list')" };
        var cmd = o.Command("show", "One recorded call: request and answer (redacted), why it was refused, flags", id);
        cmd.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async api =>
        {
            ControlClient.Print(await api.SendAsync(HttpMethod.Get, "/control/calls/" + parse.GetValue(id).ToString(CultureInfo.InvariantCulture), cancellationToken: ct));
            return 0;
        }));
        return cmd;
    }

    private static void Append(StringBuilder path, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            path.Append(path.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
