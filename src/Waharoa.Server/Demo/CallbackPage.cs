using System.Text;
using Waharoa.Server.Authorization;

namespace Waharoa.Server.Demo;

/// <summary>
/// A redirect target for the demo clients: shows the <c>code</c> (or <c>error</c>) and <c>state</c> it received,
/// so the walkthrough can go from the browser to curl without a client application.
/// </summary>
internal static class CallbackPage
{
    public static IEndpointRouteBuilder MapDemoCallback(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DemoData.CallbackPath, (HttpContext context) =>
        {
            var query = context.Request.Query;
            var body = new StringBuilder("<h1>Back at the application</h1>");
            foreach (var name in new[] { "code", "state", "error" })
            {
                if (query.ContainsKey(name))
                {
                    body.Append("<h2>").Append(name).Append("</h2><pre id=\"").Append(name).Append("\" class=\"value\">")
                        .Append(AuthorizationPages.Encode(query[name].ToString())).Append("</pre>");
                }
            }

            body.Append("<p>Exchange the code at the token endpoint within 15 minutes; see the README's walkthrough.</p>");
            var html = $"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Waharoa demo callback</title>
                <link rel="stylesheet" href="{AuthorizationPages.StylePath}">
                </head><body><main>{body}</main></body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
        }).AddEndpointFilter<PageHeadersFilter>();
        return endpoints;
    }
}
