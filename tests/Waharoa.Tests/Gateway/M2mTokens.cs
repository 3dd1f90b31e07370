using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Certificates;

namespace Waharoa.Tests.Gateway;

/// <summary>Makes M2M JWTs as a DSP would, following IR's M2M how-to.</summary>
internal static class M2mTokens
{
    public static string Create(
        X509Certificate2 signer,
        DateTimeOffset issuedAt,
        TimeSpan lifetime,
        string? startLogon = null,
        string? subject = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        string? issuer = "Digital Service Provider")
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject ?? CertificateFiles.Sha256Thumbprint(signer),
            ["startLogon"] = startLogon ?? string.Empty,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
        };
        if (issuer is not null)
        {
            claims["iss"] = issuer;
        }

        var payload = JsonSerializer.Serialize(claims);
        SecurityKey key = signer.GetECDsaPrivateKey() is { } ec ? new ECDsaSecurityKey(ec) { KeyId = "M2M" } : new X509SecurityKey(signer) { KeyId = "M2M" };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(payload, new SigningCredentials(key, algorithm));
    }

    /// <summary>An RS256 M2M JWT with exactly the header given (its text as written), for header checks.</summary>
    public static string WithHeader(X509Certificate2 signer, string headerJson, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var valid = new JsonWebToken(Create(signer, issuedAt, lifetime));
        var signingInput = $"{Base64UrlEncoder.Encode(headerJson)}.{valid.EncodedPayload}";
        using var rsa = signer.GetRSAPrivateKey()!;
        var signature = rsa.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }
}
