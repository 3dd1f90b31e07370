using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Waharoa.Tests.Start;

/// <summary>A START at-JWT taken apart: the exact header and payload bytes, and their parsed claims.</summary>
internal sealed class StartJwt : IDisposable
{
    private readonly JsonDocument _header;
    private readonly JsonDocument _payload;

    public StartJwt(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        HeaderText = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[0]));
        PayloadText = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        _header = JsonDocument.Parse(HeaderText);
        _payload = JsonDocument.Parse(PayloadText);
    }

    public string HeaderText { get; }

    public string PayloadText { get; }

    public JsonElement Header => _header.RootElement;

    public JsonElement Claims => _payload.RootElement;

    public string[] ClaimNames => Claims.EnumerateObject().Select(p => p.Name).ToArray();

    public string Sub => Claims.GetProperty("sub").GetString()!;

    public long Iat => Claims.GetProperty("iat").GetInt64();

    public long Exp => Claims.GetProperty("exp").GetInt64();

    public string String(string claim) => Claims.GetProperty(claim).GetString()!;

    public void Dispose()
    {
        _header.Dispose();
        _payload.Dispose();
    }
}
