using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Waharoa.Testing;

/// <summary>The header of xIAMS tokens as IR's founding samples write it, read and rewritten byte for byte.</summary>
public static class XiamsTokenHeaders
{
    /// <summary>The header IR's samples give, for a token signed with <paramref name="signer"/>.</summary>
    public static string Expected(X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return $$"""{"alg":"RS512","typ":"JWT","x5t":"{{X5t(signer)}}","kid":"orakey"}""";
    }

    /// <summary>The SHA-1 thumbprint of <paramref name="certificate"/>, base64url: a JOSE <c>x5t</c>.</summary>
    public static string X5t(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Base64UrlEncoder.Encode(certificate.GetCertHash(HashAlgorithmName.SHA1));
    }

    /// <summary>The header segment of <paramref name="jwt"/>, decoded, as the exact text it holds.</summary>
    public static string Text(string jwt)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        return Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[0]));
    }

    /// <summary><paramref name="jwt"/>'s payload under exactly <paramref name="headerJson"/>, signed RS512 by <paramref name="signer"/>.</summary>
    public static string Resign(string jwt, string headerJson, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(signer);
        var signingInput = $"{Base64UrlEncoder.Encode(headerJson)}.{jwt.Split('.')[1]}";
        using var rsa = signer.GetRSAPrivateKey()!;
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }
}
