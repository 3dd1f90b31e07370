namespace Waharoa.Server.Xiams;

/// <summary>The xIAMS (Oracle Access Manager) paths, as IR publishes them.</summary>
internal static class XiamsPaths
{
    public const string Authorize = "/ms_oauth/oauth2/endpoints/oauthservice/authorize";
    public const string Tokens = "/ms_oauth/oauth2/endpoints/oauthservice/tokens";
}
