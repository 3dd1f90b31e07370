using System.CommandLine;

namespace Waharoa.Cli;

/// <summary>
/// <c>waharoa clock</c>: shows the running server's clock; <c>advance 8h</c>, <c>set 2027-04-01T09:00+12:00</c> and
/// <c>reset</c> move it, on every instance of the store, over the control API. Each prints the clock as the API answers.
/// </summary>
internal static class ClockCommand
{
    public static Command Create()
    {
        var command = Verb("clock", "Show the server's clock (virtual or real); 'advance', 'set' and 'reset' move it on every instance", HttpMethod.Get, "/control/clock");
        var by = new Argument<string>("duration") { Description = "How far: 8h, 90m, 30s, 2d, 1w, 1d2h30m or 1.02:00:00" };
        command.Subcommands.Add(Verb("advance", "Move the clock forward by a duration", HttpMethod.Post, "/control/clock/advance", parse => new { By = parse.GetValue(by) }, by));
        var to = new Argument<string>("instant") { Description = "The time to move to, ISO 8601 with its offset: 2027-04-01T09:00+12:00 (not before now)" };
        command.Subcommands.Add(Verb("set", "Move the clock to an instant", HttpMethod.Post, "/control/clock/set", parse => new { To = parse.GetValue(to) }, to));
        command.Subcommands.Add(Verb("reset", "Go back to the real clock", HttpMethod.Post, "/control/clock/reset"));
        return command;
    }

    private static Command Verb(string name, string description, HttpMethod method, string path, Func<ParseResult, object>? body = null, params Symbol[] others)
    {
        var options = ControlClient.Options.Create();
        var verb = options.Command(name, description, others);
        verb.SetAction((parse, cancellationToken) => ControlClient.RunAsync(parse, options, async client =>
        {
            ControlClient.Print(await client.SendAsync(method, path, body?.Invoke(parse), cancellationToken));
            return 0;
        }));
        return verb;
    }
}
