namespace Waharoa.Server.OAuth;

/// <summary>What both OAuth dialects share on the wire. Every default is IR's.</summary>
public sealed class OAuthOptions
{
    /// <summary>The only scope IR grants. Default <c>MYIR.Services</c>.</summary>
    public string Scope { get; set; } = "MYIR.Services";

    /// <summary>Largest token, introspection or revocation request body accepted. Default 64 KiB.</summary>
    public int MaxTokenRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Scope))
        {
            throw new ArgumentException("The scope must be named.");
        }

        if (MaxTokenRequestBytes < 1024)
        {
            throw new ArgumentException("The token request limit must be at least 1 KiB.");
        }
    }
}
