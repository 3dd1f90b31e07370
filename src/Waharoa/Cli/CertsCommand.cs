using System.CommandLine;
using Waharoa.Security;

namespace Waharoa.Cli;

/// <summary><c>waharoa certs issue</c>: test DSP certificates from the running server's test CA (the control API).</summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var command = new Command("certs", "Test DSP certificates, issued by the running server");
        command.Subcommands.Add(Issue());
        return command;
    }

    private static Command Issue()
    {
        var o = ControlClient.Options.Create();
        var clientId = new Option<string>("--client-id") { Description = "The cloud client the certificate is for", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = "valid, expired, not-yet-valid, untrusted-ca, wrong-cn or renewal (a new key and certificate with the enrolled CN)",
            DefaultValueFactory = _ => "valid",
        };
        kind.AcceptOnlyFromAmong("valid", "expired", "not-yet-valid", "untrusted-ca", "wrong-cn", "renewal");
        var key = new Option<string>("--key") { Description = "ecc (ECDSA P-256) or rsa (RSA 2048)", DefaultValueFactory = _ => "ecc" };
        key.AcceptOnlyFromAmong("ecc", "rsa");
        var use = new Option<string>("--use") { Description = "tls (client-auth TLS) or signing (M2M JWT signing)", DefaultValueFactory = _ => "tls" };
        use.AcceptOnlyFromAmong("tls", "signing");
        var cn = new Option<string?>("--cn") { Description = "The Common Name of a wrong-cn certificate (default: 'Not ' and the enrolled CN)" };
        var days = new Option<int?>("--days") { Description = "How many days it is valid (1 to 1461; default 365)" };
        var password = new Option<string?>("--pkcs12-password") { Description = "The PKCS#12 file's password (default: none, an empty password)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write the .crt, .key and .p12 files", DefaultValueFactory = _ => new DirectoryInfo(".") };
        var issue = o.Command("issue", "Issue a test certificate for a client and write it as PEM (certificate, key) and PKCS#12", clientId, kind, key, use, cn, days, password, output);
        issue.SetAction((parse, ct) => ControlClient.RunAsync(parse, o, async client =>
        {
            var body = new Dictionary<string, object?>
            {
                ["clientId"] = parse.GetValue(clientId),
                ["kind"] = parse.GetValue(kind),
                ["key"] = parse.GetValue(key),
                ["use"] = parse.GetValue(use),
                ["cn"] = parse.GetValue(cn),
                ["days"] = parse.GetValue(days),
                ["pkcs12Password"] = parse.GetValue(password),
            };
            var json = (await client.SendAsync(HttpMethod.Post, "/control/certificates", body, ct))!;
            var folder = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(folder);
            var name = $"{parse.GetValue(clientId)}-{parse.GetValue(kind)}{(parse.GetValue(use) == "signing" ? "-signing" : string.Empty)}";
            var certificatePath = Path.Combine(folder, name + ".crt");
            var keyPath = Path.Combine(folder, name + ".key");
            var pkcs12Path = Path.Combine(folder, name + ".p12");
            await File.WriteAllTextAsync(certificatePath, json["certificatePem"]!.GetValue<string>(), ct);
            await OwnerOnlyFiles.WriteAllTextAsync(keyPath, json["privateKeyPem"]!.GetValue<string>(), ct);
            await OwnerOnlyFiles.WriteAllBytesAsync(pkcs12Path, Convert.FromBase64String(json["pkcs12"]!.GetValue<string>()), ct);
            Console.WriteLine($"subject:     {json["subject"]}");
            Console.WriteLine($"issuer:      {json["issuer"]}");
            Console.WriteLine($"valid:       {json["notBefore"]} to {json["notAfter"]}");
            Console.WriteLine($"thumbprint:  {json["thumbprint"]}");
            Console.WriteLine($"trusted CA:  {((bool)json["trusted"]! ? "yes" : "no")}");
            Console.WriteLine($"certificate: {certificatePath}");
            Console.WriteLine($"key:         {keyPath}");
            Console.WriteLine($"pkcs12:      {pkcs12Path}{(parse.GetValue(password) is { Length: > 0 } ? string.Empty : " (no password)")}");
            Console.WriteLine($"IR:          {json["note"]}");
            return 0;
        }));
        return issue;
    }
}
