using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>Assertions on START's wire bytes: compact JSON, <c>\/</c> escaping, <c>application/json</c> without charset.</summary>
internal static partial class StartAssert
{
    /// <summary>
    /// The exact bytes of IR's error body, compact, in the order error, error_description, with <c>/</c> written
    /// <c>\/</c> (json-smart, BP:461-463) and nothing else escaped (no <c>\u0027</c> for an apostrophe).
    /// </summary>
    public static string ErrorJson(string error, string description) =>
        $"{{\"error\":\"{Escape(error)}\",\"error_description\":\"{Escape(description)}\"}}";

    public static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '/' => "\\/",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    public static void Error(StartReply reply, HttpStatusCode status, string error, string description)
    {
        Assert.True(status == reply.Status, $"Expected {(int)status}, got {reply}");
        Assert.Equal(ErrorJson(error, description), reply.Raw);
        Json(reply);
    }

    /// <summary>Content-Type exactly <c>application/json</c>, as IR's samples (MS:135).</summary>
    public static void Json(StartReply reply) => Assert.Equal("application/json", reply.ContentType);

    /// <summary>The token response headers of RFC 6749 §5.1.</summary>
    public static void NoStore(StartReply reply)
    {
        Assert.Equal("no-store", reply.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no-cache", reply.Response.Headers.Pragma.ToString());
    }

    /// <summary>A successful token response: exactly IR's five (or four, native) members, in order, with their JSON types.</summary>
    public static void TokenResponse(StartReply reply, bool withRefreshToken)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {reply}");
        Json(reply);
        NoStore(reply);
        string[] expected = withRefreshToken
            ? ["access_token", "token_type", "expires_in", "scope", "refresh_token"]
            : ["access_token", "token_type", "expires_in", "scope"];
        Assert.Equal(expected, reply.Names);
        Assert.All(reply.Body.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("Bearer", reply.String("token_type"));
        Assert.Equal("28800", reply.String("expires_in"));
        Assert.Contains("\"expires_in\":\"28800\"", reply.Raw, StringComparison.Ordinal);
        Assert.Equal(StartUrls.Scope, reply.String("scope"));
        Assert.Equal(3, reply.String("access_token").Split('.').Length);
        if (withRefreshToken)
        {
            RefreshToken(reply.String("refresh_token"));
        }

        // Compact, as the JWT payloads (IR's only real bytes) are.
        Assert.DoesNotContain("\n", reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\": ", reply.Raw, StringComparison.Ordinal);
    }

    /// <summary>The raw <c>Location</c> of a redirect, as sent.</summary>
    public static string Location(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a 302, got {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    public static void Code(string code) => Assert.Matches(CodePattern(), code);

    public static void RefreshToken(string token) => Assert.Matches(RefreshPattern(), token);

    public static void Inactive(StartReply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {reply}");
        Assert.Equal("{\"active\":false}", reply.Raw);
        Json(reply);
    }

    public static void Active(StartReply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {reply}");
        Json(reply);
        Assert.True(reply.Body.GetProperty("active").GetBoolean(), reply.Raw);
    }

    public static void EmptyOk(StartReply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"Expected 200, got {reply}");
        Assert.Equal(string.Empty, reply.Raw);
    }

    [GeneratedRegex("^[2-9bcdfghjkmnpqrstvwxyz]{100}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[2-9bcdfghjkmnpqrstvwxyz]{50}$")]
    private static partial Regex RefreshPattern();
}
