using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Waharoa.Tests.Xiams;

/// <summary>
/// The HTTP blocks of the founding xIAMS message samples (<c>spec/seeds/oauth-message-samples-xiams.md</c>),
/// parsed into requests and responses so tests can replay them.
/// </summary>
internal sealed partial class SeedSamples
{
    private SeedSamples(IReadOnlyList<string> blocks) => Blocks = blocks;

    public IReadOnlyList<string> Blocks { get; }

    public static SeedSamples Load()
    {
        var text = File.ReadAllText(SpecFiles.Path("seeds", "oauth-message-samples-xiams.md"));
        return new SeedSamples(HttpBlock().Matches(text).Select(m => m.Groups[1].Value).ToList());
    }

    /// <summary>The authorize URL of the sample, path and query only, with line breaks removed.</summary>
    public string AuthorizePathAndQuery()
    {
        var url = string.Concat(Blocks[0].Split('\n').Select(l => l.Trim()));
        return url[url.IndexOf("/ms_oauth", StringComparison.Ordinal)..];
    }

    /// <summary>A sample POST: its path, headers (Host dropped) and form fields in order.</summary>
    public SampleRequest Request(int block)
    {
        var lines = Blocks[block].Split('\n');
        var requestLine = lines[0].Split(' ');
        Assert.Equal("POST", requestLine[0]);
        var headers = new List<(string, string)>();
        var i = 1;
        for (; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add((lines[i][..colon].Trim(), lines[i][(colon + 1)..].Trim()));
        }

        var body = string.Concat(lines.Skip(i + 1).Select(l => l.Trim()));
        var fields = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty))
            .ToList();
        return new SampleRequest(requestLine[1], headers.Where(h => h.Item1 != "Host").ToList(), fields);
    }

    /// <summary>A sample response: status and JSON body (typographic quotes and trailing commas tolerated).</summary>
    public (HttpStatusCode Status, JsonElement Body) Response(int block)
    {
        var text = Blocks[block].Replace('“', '"').Replace('”', '"');
        var status = (HttpStatusCode)int.Parse(text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var json = text[text.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        return (status, document.RootElement.Clone());
    }

    [GeneratedRegex("```http\\s*\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex HttpBlock();
}

/// <summary>A request from the samples.</summary>
internal sealed record SampleRequest(string Path, IReadOnlyList<(string Name, string Value)> Headers, IReadOnlyList<(string Name, string Value)> Form)
{
    public string Field(string name) => Form.Single(f => f.Name == name).Value;

    /// <summary>The request as an <see cref="HttpRequestMessage"/>, with some form fields replaced.</summary>
    public HttpRequestMessage ToHttp(params (string Name, string Value)[] replace)
    {
        var form = Form.Select(f => replace.Any(r => r.Name == f.Name) ? replace.First(r => r.Name == f.Name) : f)
            .Select(f => KeyValuePair.Create(f.Item1, f.Item2));
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(form) };
        foreach (var (name, value) in Headers.Where(h => h.Name != "Content-Type"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
