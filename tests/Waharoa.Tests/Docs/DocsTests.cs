using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Waharoa.Tests.Docs;

/// <summary>
/// Cheap checks that keep the README and <c>docs/</c> true: every relative link and path names something that
/// exists, every <c>dotnet run --project src/Waharoa -- …</c> line uses a verb and options the built CLI has, and the
/// README's two set-up commands stay the two.
/// </summary>
public sealed partial class DocsTests
{
    private const string CliPrefix = "dotnet run --project src/Waharoa -- ";

    private static readonly string[] CheckedPathPrefixes = ["src/", "spec/", "docs/", "tests/", "bench/"];

    [Fact]
    public void Links_InReadmeAndDocs_NameExistingFilesAndHeadings()
    {
        var problems = DocumentFiles()
            .SelectMany(file => LinkProblems(File.ReadAllText(file), Path.GetDirectoryName(file)!)
                .Select(problem => $"{Relative(file)}: {problem}"))
            .ToList();

        Assert.True(problems.Count == 0, "Broken links and paths:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void LinkProblems_MissingFileHeadingOrPath_AreEachReported()
    {
        const string Markdown = """
            # A page

            [ok](../README.md#five-minute-walkthrough), [here](#a-page), `src/Waharoa.Core/OAuth/`
            [gone](no-such-page.md), [no heading](../README.md#no-such-heading), [here](#no-such-heading)
            `src/Waharoa.Core/NoSuchFolder/` and `bench/results/<date>.md`

            ```
            [in a fence](not-checked.md) `src/not-checked`
            ```
            """;

        var problems = LinkProblems(Markdown, Path.Combine(SpecFiles.RepositoryRoot, "docs"));

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("no-such-page.md", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count(p => p.Contains("#no-such-heading", StringComparison.Ordinal)));
        Assert.Contains(problems, p => p.Contains("src/Waharoa.Core/NoSuchFolder/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Several instances: PostgreSQL and Redis", "several-instances-postgresql-and-redis")]
    [InlineData("The config file's Waharoa section", "the-config-files-waharoa-section")]
    [InlineData("Account API (REST)", "account-api-rest")]
    [InlineData("Features compose; Hosting decides nothing", "features-compose-hosting-decides-nothing")]
    [InlineData("The `--config` file", "the---config-file")]
    public void Anchor_Heading_FollowsGitHubRules(string heading, string anchor)
    {
        Assert.Equal(anchor, Anchor(heading));
    }

    [Fact]
    public async Task CliLines_InFencedBlocks_UseVerbsAndOptionsTheCliHas()
    {
        var lines = DocumentFiles()
            .SelectMany(file => CliLines(File.ReadAllText(file)).Select(line => (File: Relative(file), Line: line)))
            .ToList();
        Assert.True(lines.Count >= 10, $"Only {lines.Count} '{CliPrefix.Trim()}' lines found in fenced blocks.");

        var problems = new List<string>();
        foreach (var sameCommand in lines.GroupBy(l => CommandKey(l.Line), StringComparer.Ordinal))
        {
            // One process per distinct VERB [SUBVERB]: its help says which command it is and which options it takes.
            var words = sameCommand.Key.Split(' ');
            var help = await HelpAsync(words);
            var command = CommandWords(help);
            if (command.Count == 0 || command[0] != words[0])
            {
                problems.Add($"'{sameCommand.Key}': the CLI has no verb '{words[0]}' ({sameCommand.First().File}: {sameCommand.First().Line})");
                continue;
            }

            // A second word is a subverb, or else an argument of a verb that takes one (seed FILE, clients remove ID).
            if (words.Length > 1 && !(command.Count > 1 && command[1] == words[1]) && !HasArgument(help))
            {
                problems.Add($"'{sameCommand.Key}': '{words[0]}' has no subverb '{words[1]}' ({sameCommand.First().File}: {sameCommand.First().Line})");
                continue;
            }

            var accepted = AcceptedOptions(help);
            problems.AddRange(
                from l in sameCommand
                from option in Options(l.Line)
                where !accepted.Contains(option)
                select $"{l.File}: '{l.Line}': '{string.Join(' ', command)}' takes no {option}");
        }

        Assert.True(problems.Count == 0, "CLI lines the CLI does not take:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void Readme_TwoCommandsSection_HoldsExactlyTheSetUpCommands()
    {
        var readme = File.ReadAllText(Path.Combine(SpecFiles.RepositoryRoot, "README.md"));

        var commands = FencedLines(Section(readme, "The two commands"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        Assert.Equal(new[] { "dotnet run --project src/Waharoa -- serve", "./test.sh" }, commands);
    }

    [Fact]
    public void DocsPages_EachLinkedFromTheReadme_AndLinkBackToIt()
    {
        var readme = File.ReadAllText(Path.Combine(SpecFiles.RepositoryRoot, "README.md"));
        var pages = Directory.GetFiles(Path.Combine(SpecFiles.RepositoryRoot, "docs"), "*.md");
        Assert.NotEmpty(pages);

        var unlisted = pages.Select(Relative).Where(page => !readme.Contains($"]({page})", StringComparison.Ordinal));
        var noWayBack = pages.Where(page => !File.ReadAllText(page).Contains("](../README.md", StringComparison.Ordinal)).Select(Relative);

        Assert.Empty(unlisted);
        Assert.Empty(noWayBack);
    }

    /// <summary>The README and every page of <c>docs/</c>.</summary>
    private static IEnumerable<string> DocumentFiles() =>
        Directory.GetFiles(Path.Combine(SpecFiles.RepositoryRoot, "docs"), "*.md")
            .Prepend(Path.Combine(SpecFiles.RepositoryRoot, "README.md"));

    private static string Relative(string path) =>
        Path.GetRelativePath(SpecFiles.RepositoryRoot, path).Replace('\\', '/');

    /// <summary>
    /// What is wrong with the links of <paramref name="markdown"/>, a file in <paramref name="directory"/>: markdown
    /// links to a file or folder that does not exist or a heading its target lacks, and paths in backticks under
    /// <see cref="CheckedPathPrefixes"/> (from the repository root) that do not exist. Fenced blocks are not read.
    /// </summary>
    private static List<string> LinkProblems(string markdown, string directory)
    {
        var problems = new List<string>();
        var prose = Prose(markdown);
        foreach (Match link in MarkdownLink().Matches(prose))
        {
            var target = link.Groups[2].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var full = path.Length == 0 ? null : Path.GetFullPath(Path.Combine(directory, path));
            if (full is not null && !File.Exists(full) && !Directory.Exists(full))
            {
                problems.Add($"link to a missing file or folder: {target}");
                continue;
            }

            if (anchor is not null)
            {
                var headings = full is null ? Anchors(markdown) : File.Exists(full) ? Anchors(File.ReadAllText(full)) : [];
                if (!headings.Contains(anchor))
                {
                    problems.Add($"link to a missing heading: {target}");
                }
            }
        }

        foreach (Match code in InlineCode().Matches(prose))
        {
            var text = code.Groups[1].Value.Replace('\n', ' ').Trim();
            if (!CheckedPathPrefixes.Any(prefix => text.StartsWith(prefix, StringComparison.Ordinal)) || PathExists(text))
            {
                continue;
            }

            // A command with arguments (`bench/run --duration 30`), or a path with a placeholder (`bench/results/<date>.md`).
            var first = text.Split(' ')[0];
            var fixedPart = string.Join('/', first.Split('/').TakeWhile(segment => segment.IndexOfAny(['<', '>', '*', '…', '{', '}']) < 0));
            if (fixedPart.Length == 0 || !PathExists(fixedPart))
            {
                problems.Add($"path that does not exist: {text}");
            }
        }

        return problems;
    }

    private static bool PathExists(string relative)
    {
        var full = Path.Combine(SpecFiles.RepositoryRoot, relative);
        return File.Exists(full) || Directory.Exists(full);
    }

    /// <summary>The anchors of <paramref name="markdown"/>'s headings, as GitHub makes them (repeats get -1, -2, …).</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in Prose(markdown).Split('\n'))
        {
            if (Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var anchor = Anchor(heading.Groups[1].Value);
            var count = seen.GetValueOrDefault(anchor);
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's anchor for a heading: its text (a link's text, not its target) in lower case, with everything but
    /// letters, marks, digits, underscores, hyphens and spaces dropped, and spaces made hyphens.
    /// </summary>
    private static string Anchor(string heading)
    {
        var text = MarkdownLink().Replace(heading.Trim(), "$1").ToLowerInvariant();
        var anchor = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || c == '-' || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.ConnectorPunctuation)
            {
                anchor.Append(c);
            }
            else if (c == ' ')
            {
                anchor.Append('-');
            }
        }

        return anchor.ToString();
    }

    /// <summary><paramref name="markdown"/> with the lines of its fenced blocks (fences included) blanked.</summary>
    private static string Prose(string markdown)
    {
        var fenced = false;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n').Select(line =>
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                return string.Empty;
            }

            return fenced ? string.Empty : line;
        });
        return string.Join('\n', lines.ToList());
    }

    /// <summary>The lines inside <paramref name="markdown"/>'s fenced blocks.</summary>
    private static List<string> FencedLines(string markdown)
    {
        var fenced = false;
        var lines = new List<string>();
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (fenced)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>The part of <paramref name="markdown"/> under the level-2 heading <paramref name="title"/>, to the next one.</summary>
    private static string Section(string markdown, string title)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, $"## {title}");
        Assert.True(start >= 0, $"No '## {title}' section.");
        var section = lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));
        return string.Join('\n', section);
    }

    /// <summary>
    /// The <c>dotnet run --project src/Waharoa -- …</c> commands in <paramref name="markdown"/>'s fenced blocks, from
    /// the verb on: continued lines joined, shell comments dropped.
    /// </summary>
    private static List<string> CliLines(string markdown)
    {
        var commands = new List<string>();
        var pending = new StringBuilder();
        foreach (var raw in FencedLines(markdown))
        {
            var line = ShellComment().Replace(raw, string.Empty).TrimEnd();
            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            var command = pending.Append(line).ToString();
            pending.Clear();
            var at = command.IndexOf(CliPrefix, StringComparison.Ordinal);
            if (at >= 0)
            {
                commands.Add(string.Join(' ', command[(at + CliPrefix.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        return commands;
    }

    /// <summary>The verb of a CLI line and the word after it when that is not an option: <c>clients add</c>, <c>seed FILE</c>.</summary>
    private static string CommandKey(string line)
    {
        var words = line.Split(' ');
        return words.Length > 1 && !words[1].StartsWith('-') ? $"{words[0]} {words[1]}" : words[0];
    }

    private static IEnumerable<string> Options(string line) =>
        line.Split(' ').Where(word => word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2).Select(word => word.Split('=')[0]);

    /// <summary>The command words of the help's usage line (<c>Waharoa clients remove &lt;client-id&gt; [options]</c> → clients, remove).</summary>
    private static List<string> CommandWords(string help)
    {
        var lines = help.ReplaceLineEndings("\n").Split('\n');
        var usage = Array.FindIndex(lines, line => line.Trim() == "Usage:");
        return usage < 0 || usage + 1 >= lines.Length
            ? []
            : [.. lines[usage + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Where(word => word[0] is not ('<' or '['))];
    }

    private static bool HasArgument(string help) =>
        help.ReplaceLineEndings("\n").Split('\n').Any(line => line.Trim() == "Arguments:");

    /// <summary>The long options the help's Options section lists.</summary>
    private static HashSet<string> AcceptedOptions(string help)
    {
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var inOptions = false;
        foreach (var line in help.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim() == "Options:")
            {
                inOptions = true;
            }
            else if (inOptions && line.StartsWith("  ", StringComparison.Ordinal) && line.TrimStart().StartsWith('-'))
            {
                // The first column holds the option's names; the description after two spaces may name other options.
                var names = line.Trim().Split("  ")[0];
                accepted.UnionWith(LongOption().Matches(names).Select(m => m.Value));
            }
            else if (inOptions && !line.StartsWith("  ", StringComparison.Ordinal))
            {
                inOptions = false;
            }
        }

        return accepted;
    }

    /// <summary>Runs the built CLI's help for <paramref name="words"/>, bounded in time; killed by its PID when it hangs.</summary>
    private static async Task<string> HelpAsync(string[] words)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "Waharoa.dll");
        Assert.True(File.Exists(executable), $"The built CLI is not at {executable}.");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(executable);
        foreach (var word in words)
        {
            info.ArgumentList.Add(word);
        }

        info.ArgumentList.Add("--help");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"waharoa {string.Join(' ', words)} --help did not finish in 30 seconds.");
        }

        return await output + await error;
    }

    /// <summary>A markdown link: group 1 its text, group 2 its target.</summary>
    [GeneratedRegex(@"\[([^\]]*)\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(^|\s)#.*$")]
    private static partial Regex ShellComment();

    [GeneratedRegex(@"--[\w-]+")]
    private static partial Regex LongOption();
}
