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
        X509Certificate2 signer, DateTimeOffset issuedAt, TimeSpan lifetime, string? startLogon = null, string? subject = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sub"] = subject ?? CertificateFiles.Sha256Thumbprint(signer),
            ["iss"] = "Digital Service Provider",
            ["startLogon"] = startLogon ?? string.Empty,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
        });
        SecurityKey key = signer.GetECDsaPrivateKey() is { } ec ? new ECDsaSecurityKey(ec) { KeyId = "M2M" } : new X509SecurityKey(signer) { KeyId = "M2M" };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(payload, new SigningCredentials(key, algorithm));
    }
}
