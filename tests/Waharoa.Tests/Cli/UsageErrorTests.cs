using Waharoa.Testing;

namespace Waharoa.Tests.Cli;

/// <summary>The CLI refuses what it does not know, with exit code 2, whether or not help was asked for.</summary>
public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("nosuchverb")]
    [InlineData("nosuchverb", "--help")]
    [InlineData("clients", "--no-such-option", "--help")]
    [InlineData("clients", "nosuchverb")]
    [InlineData("serve", "--no-such-option")]
    public async Task An_unknown_verb_or_option_is_a_usage_error(params string[] args)
    {
        var (exit, output) = await WaharoaProcess.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.Contains("Unrecognized command or argument", output, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("clients", "add", "--help")]
    public async Task Help_for_a_known_verb_is_printed_and_succeeds(params string[] args)
    {
        var (exit, output) = await WaharoaProcess.RunAsync(args);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }
}
