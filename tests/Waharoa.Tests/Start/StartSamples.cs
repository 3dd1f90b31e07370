using System.Text.Json;
using System.Text.RegularExpressions;

namespace Waharoa.Tests.Start;

/// <summary>
/// The START message samples of <c>ir-identity-and-access/Message-Samples.md</c> (MS), read from the spec as
/// the fenced blocks they are, so the tests replay IR's text rather than a copy of it.
/// </summary>
internal sealed partial class StartSamples
{
    private StartSamples(IReadOnlyList<string> blocks) => Blocks = blocks;

    public IReadOnlyList<string> Blocks { get; }

    public static StartSamples Load()
    {
        var blocks = new List<string>();
        List<string>? block = null;
        foreach (var line in File.ReadAllLines(SpecFiles.Path("ir-identity-and-access", "Message-Samples.md")))
        {
            if (Fence().IsMatch(line))
            {
                if (block is null)
                {
                    block = [];
                }
                else
                {
                    blocks.Add(string.Join('\n', block));
                    block = null;
                }
            }
            else
            {
                block?.Add(line.TrimEnd());
            }
        }

        return new StartSamples(blocks);
    }

    /// <summary>MS:49-56, the authorize URL, joined from its presentational lines.</summary>
    public string AuthorizeQuery => JoinLines(Single(b => b.Contains("/gateway3/oauth/authorize", StringComparison.Ordinal) && b.Contains("client_id=", StringComparison.Ordinal)))
        .Split("/gateway3/oauth/authorize", 2)[1];

    /// <summary>MS:84-89, the redirect back with code and state.</summary>
    public string Redirect => JoinLines(Single(b => b.Contains("?code=", StringComparison.Ordinal)));

    /// <summary>MS:118-127, the code exchange request.</summary>
    public string TokenRequest => Single(b => b.StartsWith("POST /gateway3/oauth/token", StringComparison.Ordinal) && b.Contains("authorization_code", StringComparison.Ordinal));

    /// <summary>MS:132-144, the successful code exchange (the START one: expires_in a string, scope present).</summary>
    public JsonElement TokenResponse => Json(Single(b => b.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && b.Contains("\"access_token\"", StringComparison.Ordinal) && b.Contains("\"scope\"", StringComparison.Ordinal)));

    /// <summary>MS:146-155, the failed code exchange.</summary>
    public string TokenError => Single(b => b.StartsWith("HTTP/1.1 401", StringComparison.Ordinal));

    /// <summary>MS:159-168, the cURL example (it has no code parameter).</summary>
    public string CurlData => Regex.Match(Single(b => b.Contains("curl ", StringComparison.Ordinal)), "--data \"([^\"]*)\"").Groups[1].Value;

    /// <summary>MS:195-205, the refresh request.</summary>
    public string RefreshRequest => Single(b => b.StartsWith("POST /gateway3/oauth/token", StringComparison.Ordinal) && b.Contains("grant_type=refresh_token", StringComparison.Ordinal));

    /// <summary>MS:238-248, the introspection request (its body begins with a stray <c>&amp;</c>).</summary>
    public string IntrospectRequest => Single(b => b.StartsWith("POST /gateway3/oauth/introspect", StringComparison.Ordinal));

    /// <summary>MS:250-266, the active introspection response.</summary>
    public JsonElement IntrospectResponse => Json(Single(b => b.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) && b.Contains("\"active\"", StringComparison.Ordinal)));

    /// <summary>MS:282-292, the revocation request.</summary>
    public string RevokeRequest => Single(b => b.StartsWith("POST /gateway3/oauth/revoke", StringComparison.Ordinal));

    /// <summary>The request headers of an HTTP sample block (the lines between the request line and the blank line).</summary>
    public static Dictionary<string, string> Headers(string block) =>
        block.Split("\n\n", 2)[0].Split('\n').Skip(1)
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The form body of an HTTP sample block, with the presentational line breaks removed (notes D28).</summary>
    public static string FormBody(string block) => JoinLines(block.Split("\n\n", 2)[1]);

    public static (string Name, string Value)[] FormFields(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))
            .ToArray();

    public static JsonElement Json(string block)
    {
        using var document = JsonDocument.Parse(block.Split("\n\n", 2)[1]);
        return document.RootElement.Clone();
    }

    private static string JoinLines(string text) => string.Concat(text.Split('\n').Select(l => l.Trim()));

    private string Single(Func<string, bool> predicate) => Assert.Single(Blocks, b => predicate(b));

    // A line that is only a fence, with an optional info string (" ```", "```http ").
    [GeneratedRegex("^\\s*```[a-z]*\\s*$")]
    private static partial Regex Fence();
}
