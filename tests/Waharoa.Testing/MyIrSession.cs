using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Waharoa.Testing;

/// <summary>
/// Drives the myIR pages over HTTP, as a browser would (cookies, hidden fields, anti-forgery token),
/// for protocol tests that need a code without a real browser.
/// </summary>
public sealed partial class MyIrSession : IDisposable
{
    private readonly HttpClient _http;

    public MyIrSession(WaharoaEndpoints host)
        : this(host, new CookieContainer())
    {
    }

    private MyIrSession(WaharoaEndpoints host, CookieContainer cookies)
    {
        Cookies = cookies;
        _http = host.CreateDesktopClient(Cookies);
    }

    /// <summary>
    /// The same browser (cookies, and the page it shows) talking to <paramref name="other"/> from now on, as when a
    /// load balancer sends its next request to another instance.
    /// </summary>
    public MyIrSession ContinueOn(WaharoaEndpoints other) => new(other, Cookies) { LastPage = LastPage };

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    /// <summary>The last page received.</summary>
    public string LastPage { get; private set; } = string.Empty;

    /// <summary>GETs an authorize URL; returns the response (a page or a redirect).</summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery)
    {
        var response = await _http.GetAsync(pathAndQuery);
        LastPage = await response.Content.ReadAsStringAsync();
        return response;
    }

    /// <summary>Submits the form on <see cref="LastPage"/> to <paramref name="action"/> with <paramref name="fields"/> added to its hidden fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string action, params (string Name, string Value)[] fields)
    {
        var values = HiddenFields(LastPage);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        LastPage = await response.Content.ReadAsStringAsync();
        return response;
    }

    public Task<HttpResponseMessage> LogonAsync(string logon, string password) =>
        SubmitAsync("/myir/logon", ("logon", logon), ("password", password));

    public Task<HttpResponseMessage> DecideAsync(bool authorise) =>
        SubmitAsync("/myir/consent", ("decision", authorise ? "authorise" : "deny"));

    /// <summary>Runs authorize → logon → (consent) and returns the redirect's query parameters.</summary>
    public async Task<Dictionary<string, string>> AuthorizeAsync(string authorizeUrl, string logon, string password)
    {
        var response = await GetAsync(authorizeUrl);
        if (response.StatusCode == HttpStatusCode.OK && LastPage.Contains("action=\"/myir/logon\"", StringComparison.Ordinal))
        {
            response = await LogonAsync(logon, password);
        }

        if (response.StatusCode == HttpStatusCode.OK && LastPage.Contains("action=\"/myir/consent\"", StringComparison.Ordinal))
        {
            response = await DecideAsync(authorise: true);
        }

        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {LastPage}");
        }

        return RedirectQuery(response);
    }

    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException("No Location header.");
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public static Dictionary<string, string> HiddenFields(string page) =>
        HiddenField().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    public void Dispose() => _http.Dispose();
}
