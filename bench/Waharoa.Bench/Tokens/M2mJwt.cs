using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Waharoa.Bench.Tokens;

/// <summary>
/// An organisational (M2M) JWT as a DSP makes one for the gateway (IR's build pack §2.4): header
/// <c>{"alg":"RS256","typ":"JWT","kid":"M2M"}</c>, <c>sub</c> the signing certificate's SHA-256 thumbprint, an <c>iss</c>,
/// <c>iat</c> and <c>exp</c> (at most 8 hours apart), no <c>startLogon</c> (the DSP calls as itself), RS256-signed with the
/// certificate's key. Sent bare in <c>Authorization</c>; Waharoa does not hold a JWT's <c>jti</c> against replay, so one
/// token serves every request of a row.
/// </summary>
internal static class M2mJwt
{
    /// <summary>The longest lifetime Waharoa (and IR) accept: enough for any row.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT","kid":"M2M"}""");

    public static string Create(X509Certificate2 signer, DateTimeOffset issuedAt)
    {
        using var key = signer.GetRSAPrivateKey() ?? throw new InvalidOperationException("The M2M signing certificate has no RSA private key.");
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "Waharoa.Bench",
            ["sub"] = signer.GetCertHashString(HashAlgorithmName.SHA256),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + Lifetime).ToUnixTimeSeconds(),
        });
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
