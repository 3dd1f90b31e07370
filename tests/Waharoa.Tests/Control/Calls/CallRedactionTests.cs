using System.Buffers.Text;
using System.Text;
using Waharoa.Server.Calls;

namespace Waharoa.Tests.Control.Calls;

/// <summary>What a recorded call's headers keep of a credential: its scheme and, for a JWT, a marker that names no secret.</summary>
public sealed class CallRedactionTests
{
    private static readonly string Jwt = Part("""{"alg":"RS256","kid":"k1"}""") + "." + Part("""{"client_id":"dsp-1","exp":1700000000,"nonce":"n-secret"}""") + ".c2lnbmF0dXJl";
    private const string Marker = "[jwt alg=RS256 kid=k1 client_id=dsp-1 exp=1700000000]";

    [Theory]
    [InlineData("Authorization", "Bearer {jwt}", "Bearer " + Marker)]
    [InlineData("Authorization", "  Bearer   {jwt}  ", "Bearer " + Marker)]
    [InlineData("Authorization", "{jwt}", Marker)]
    [InlineData("X-Waharoa-Authorization", "bearer {jwt}", "bearer " + Marker)]
    [InlineData("Authorization", "Bearer {jwt}.extra", "Bearer " + Marker + ".extra")]
    [InlineData("Authorization", "Bearer not-a-jwt", "Bearer [redacted]")]
    [InlineData("Authorization", "Basic ZHNwOnNlY3JldA==", "Basic [redacted]")]
    [InlineData("Authorization", "opaque-secret", "[redacted]")]
    public void A_credential_keeps_its_scheme_and_a_jwt_only_its_marker(string name, string value, string expected)
    {
        var redacted = CallRedaction.Header(name, value.Replace("{jwt}", Jwt, StringComparison.Ordinal));

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain("c2lnbmF0dXJl", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("n-secret", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Headers_are_one_line_each_in_their_order_with_the_credential_redacted()
    {
        var text = CallRedaction.Headers([new("Host", "localhost"), new("Authorization", "Bearer " + Jwt), new("Cookie", "a=b"), new("X-Empty", "")]);

        Assert.Equal($"Host: localhost\nAuthorization: Bearer {Marker}\nCookie: [redacted]\nX-Empty: ", text);
        Assert.Equal("", CallRedaction.Headers([]));
    }

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
