using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Waharoa.Server.Authorization;

/// <summary>The myIR logon, consent and error pages. Every value from a request is HTML-encoded.</summary>
internal static class AuthorizationPages
{
    public const string LogonPath = "/myir/logon";
    public const string ConsentPath = "/myir/consent";
    public const string StylePath = "/myir/site.css";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static IResult Logon(AntiforgeryTokenSet antiforgery, string protectedRequest, string clientName, string? logon, string? message)
    {
        var body = new StringBuilder();
        body.Append("<h1>Log in to myIR</h1>");
        body.Append("<p class=\"lead\">").Append(Encode(clientName)).Append(" is asking to connect to your Inland Revenue information.</p>");
        if (message is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\" id=\"message\">").Append(Encode(message)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"").Append(LogonPath).Append("\" autocomplete=\"off\">");
        AppendHidden(body, antiforgery, protectedRequest);
        body.Append("<label for=\"logon\">myIR user ID</label>");
        body.Append("<input id=\"logon\" name=\"logon\" type=\"text\" required maxlength=\"100\" value=\"").Append(Encode(logon ?? string.Empty)).Append("\">");
        body.Append("<label for=\"password\">Password</label>");
        body.Append("<input id=\"password\" name=\"password\" type=\"password\" required maxlength=\"200\">");
        body.Append("<button type=\"submit\" id=\"login\">Log in</button>");
        body.Append("</form>");
        return Page("myIR - Log in", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Consent(AntiforgeryTokenSet antiforgery, string protectedRequest, string clientName, string logon)
    {
        var body = new StringBuilder();
        body.Append("<h1>Authorise consent</h1>");
        body.Append("<p class=\"lead\">You are logged in as <strong>").Append(Encode(logon)).Append("</strong>.</p>");
        body.Append("<p><strong>").Append(Encode(clientName))
            .Append("</strong> wants to access your Inland Revenue information through myIR services on your behalf. ")
            .Append("You can withdraw this consent at any time.</p>");
        body.Append("<form method=\"post\" action=\"").Append(ConsentPath).Append("\">");
        AppendHidden(body, antiforgery, protectedRequest);
        body.Append("<button type=\"submit\" name=\"decision\" value=\"authorise\" id=\"authorise\">Authorise</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\" class=\"secondary\">Deny</button>");
        body.Append("</form>");
        return Page("myIR - Authorise consent", body.ToString(), StatusCodes.Status200OK);
    }

    public static IResult Error(int status, string error, string description)
    {
        var body = new StringBuilder();
        body.Append("<h1>We can't continue with this request</h1>");
        body.Append("<p class=\"error\" role=\"alert\"><code id=\"error\">").Append(Encode(error)).Append("</code></p>");
        body.Append("<p id=\"error_description\">").Append(Encode(description)).Append("</p>");
        body.Append("<p>Return to the application you came from and start again.</p>");
        return Page("myIR - Error", body.ToString(), status);
    }

    public static string Encode(string value) => Encoder.Encode(value);

    private static void AppendHidden(StringBuilder body, AntiforgeryTokenSet antiforgery, string protectedRequest)
    {
        body.Append("<input type=\"hidden\" name=\"").Append(Encode(antiforgery.FormFieldName))
            .Append("\" value=\"").Append(Encode(antiforgery.RequestToken ?? string.Empty)).Append("\">");
        body.Append("<input type=\"hidden\" name=\"request\" value=\"").Append(Encode(protectedRequest)).Append("\">");
    }

    private static IResult Page(string title, string content, int status)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title>
            <link rel="stylesheet" href="{StylePath}">
            </head>
            <body>
            <header><span class="brand">Inland Revenue</span> <span class="tag">Te Tari Taake &middot; Waharoa sandbox</span></header>
            <main>{content}</main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public const string Style = """
        body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f6; color: #1d1d1d; }
        header { background: #00263e; color: #fff; padding: 14px 24px; }
        .brand { font-weight: 700; font-size: 1.2em; }
        .tag { opacity: .8; margin-left: 8px; }
        main { max-width: 480px; margin: 32px auto; background: #fff; padding: 24px 32px; border-radius: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
        h1 { font-size: 1.5em; margin-top: 0; }
        label { display: block; margin-top: 16px; font-weight: 600; }
        input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: 8px; margin-top: 4px; font-size: 1em; }
        button { margin-top: 20px; margin-right: 8px; padding: 10px 20px; font-size: 1em; background: #00263e; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
        button.secondary { background: #fff; color: #00263e; border: 1px solid #00263e; }
        .error { color: #b00020; font-weight: 600; }
        pre.value { white-space: pre-wrap; word-break: break-all; background: #f4f5f6; padding: 8px; }
        """;
}
