namespace Waharoa.Testing;

/// <summary>Builds xIAMS request URLs and bodies for tests.</summary>
public static class XiamsUrls
{
    public const string Authorize = "/ms_oauth/oauth2/endpoints/oauthservice/authorize";
    public const string Tokens = "/ms_oauth/oauth2/endpoints/oauthservice/tokens";
    public const string ResourceAccessGrant = "oracle-idm:/oauth/grant-type/resource-access-token/jwt";

    public static string AuthorizeUrl(string clientId, string redirectUri, string scope = "MYIR.Services", string responseType = "code", string? state = "2d0fcc2d-8f7a-4f27-8bea-976cb86bd409", bool logout = false)
    {
        var url = $"{Authorize}?client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(scope)}&response_type={Uri.EscapeDataString(responseType)}";
        if (state is not null)
        {
            url += "&state=" + Uri.EscapeDataString(state);
        }

        return logout ? url + "&logout=true" : url;
    }

    /// <summary>A token request with the seed's header spelling or the standard one.</summary>
    public static HttpRequestMessage TokenRequest(string clientId, string secret, IEnumerable<KeyValuePair<string, string>> form, string header = "Authorization")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Tokens) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(header, "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return request;
    }
}
