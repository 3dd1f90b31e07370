using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Server.Control;
using Waharoa.Server.Demo;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Hosting;
using Waharoa.Time;

namespace Waharoa.Cli;

/// <summary>What <c>serve</c> prints on start: endpoints, demo credentials, an authorize URL and curl commands.</summary>
internal static class Banner
{
    public static string Describe(WaharoaServer server, WaharoaOptions options)
    {
        var desktop = server.DesktopUrl.ToString().TrimEnd('/');
        var cloud = server.CloudUrl.ToString().TrimEnd('/');
        var folder = server.Folder;
        var text = new StringBuilder();
        text.AppendLine("Waharoa is running.");
        text.AppendLine();
        text.AppendLine($"  Desktop endpoint (one-way TLS):  {desktop}");
        text.AppendLine($"  Cloud endpoint (mutual TLS):     {cloud}");
        text.AppendLine($"  Data folder:                     {folder.Root}");
        text.AppendLine($"  Development CA (trust it):       {folder.CaCertificate}");
        text.AppendLine($"  Token signing keys (JWKS):       {desktop}/.well-known/jwks.json");
        text.AppendLine($"  Store:                           {server.StoreDescription}");
        text.AppendLine($"  Health and metrics:              {desktop}/health/live  {desktop}/health/ready  {desktop}/metrics");
        text.AppendLine($"  Clock:                           {ClockLine(server)}");
        if (server.ControlUrl is { } control)
        {
            text.AppendLine($"  Console (web UI):                {control.ToString().TrimEnd('/')}/console/#credential={server.OperatorCredential}");
            text.AppendLine($"  Control API (admin, tests):      {control.ToString().TrimEnd('/')}/control/  (OpenAPI: /control/openapi/control.json)");
            text.AppendLine($"  Operator credential:             {server.OperatorCredential}  (also in {OperatorCredential.PathIn(folder)})");
        }
        if (server.Demo is not { } demo)
        {
            text.AppendLine();
            text.AppendLine(options.SeedDemoData is null && !options.CreatesDemoData && options.Gateway.Environment != GatewayEnvironment.Production
                ? "No demo data: its credentials are published, so it is created only when listening on loopback (--demo creates it here)."
                : "No demo data.");
            text.AppendLine("Add clients and users with 'waharoa clients add' and 'waharoa users add', or a seed file (--seed).");
            return text.ToString();
        }

        var cloudClient = demo.Clients.First(c => c.Kind == "cloud");
        var user = demo.Users[0];
        text.AppendLine();
        text.AppendLine($"Demo credentials (also in {folder.DemoFile}):");
        foreach (var client in demo.Clients)
        {
            text.AppendLine($"  {client.Kind,-6} client  client_id={client.ClientId}  client_secret={client.ClientSecret}");
            text.AppendLine($"                redirect_uri={string.Join(" ", client.RedirectUris)}");
            if (client.Certificate is not null)
            {
                text.AppendLine($"                certificate={client.Certificate}");
                text.AppendLine($"                key={client.CertificateKey}");
            }
        }

        foreach (var u in demo.Users)
        {
            text.AppendLine($"  myIR user     logon={u.Logon}  password={u.Password}");
        }

        var authorize = $"{desktop}/ms_oauth/oauth2/endpoints/oauthservice/authorize?client_id={cloudClient.ClientId}"
            + $"&redirect_uri={Uri.EscapeDataString(cloudClient.RedirectUri)}&scope=MYIR.Services&response_type=code&state=demo-state-1";
        text.AppendLine();
        text.AppendLine("1. Open this in a browser, log on as " + user.Logon + " / " + user.Password + " and authorise:");
        text.AppendLine($"   {authorize}");
        text.AppendLine();
        text.AppendLine("2. Exchange the code shown on the callback page (cloud endpoint: mutual TLS, refresh token issued):");
        text.AppendLine($"   curl --cacert {folder.CaCertificate} --cert {cloudClient.Certificate} --key {cloudClient.CertificateKey} \\");
        text.AppendLine($"     -u {cloudClient.ClientId}:{cloudClient.ClientSecret} {cloud}/ms_oauth/oauth2/endpoints/oauthservice/tokens \\");
        text.AppendLine($"     -d grant_type=authorization_code --data-urlencode redirect_uri={cloudClient.RedirectUri} -d code=CODE");
        text.AppendLine();
        text.AppendLine("3. Validate the access token:");
        text.AppendLine($"   curl --cacert {folder.CaCertificate} --cert {cloudClient.Certificate} --key {cloudClient.CertificateKey} \\");
        text.AppendLine($"     -u {cloudClient.ClientId}:{cloudClient.ClientSecret} {cloud}/ms_oauth/oauth2/endpoints/oauthservice/tokens \\");
        text.AppendLine("     -d grant_type=oracle-idm:/oauth/grant-type/resource-access-token/jwt -d oracle_token_action=validate \\");
        text.AppendLine("     -d scope=MYIR.Services -d assertion=ACCESS_TOKEN --data-urlencode 'oracle_token_attrs_retrieval=prn exp'");
        text.AppendLine();
        text.AppendLine("4. Call a sandbox service through the gateway, e.g. the Account API:");
        text.AppendLine($"   curl --cacert {folder.CaCertificate} --cert {cloudClient.Certificate} --key {cloudClient.CertificateKey} \\");
        text.AppendLine($"     {cloud}/gateway/account/list -H 'Authorization: Bearer ACCESS_TOKEN' \\");
        text.AppendLine("     -H 'Content-Type: application/json' -d '{\"CustomerID\":\"132243158\",\"CustomerIDType\":\"IRD\"}'");
        text.AppendLine();
        text.AppendLine("Press Ctrl+C to stop.");
        return text.ToString();
    }

    /// <summary>The server's clock: the real one, or the virtual one with its time and how far it is moved.</summary>
    private static string ClockLine(WaharoaServer server)
    {
        var clock = server.Services.GetRequiredService<VirtualClock>();
        return clock.IsVirtual
            ? $"virtual, {clock.Format(clock.GetUtcNow())} ({ClockDuration.Format(clock.Offset)}; 'waharoa clock reset' goes back to the real clock)"
            : "real ('waharoa clock advance 8h' moves it)";
    }
}
