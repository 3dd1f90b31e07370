using System.Text.Json;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Server.Data;
using Waharoa.Server.Tls;
using Waharoa.Storage;
using Waharoa.Users;

namespace Waharoa.Server.Demo;

/// <summary>
/// Seeds the demo data on first start: a cloud DSP client (with a client certificate from the development CA),
/// a native client and two myIR users, and writes their credentials to <c>demo.json</c>. Once <c>demo.json</c>
/// exists nothing is seeded again, so clients removed later stay removed.
/// </summary>
internal static class DemoData
{
    public const string CloudClientId = "xyzComp_FooBar";
    public const string CloudClientSecret = "ClientSecretPassword";
    public const string NativeClientId = "SmartSoftware_SmartPay";
    public const string NativeClientSecret = "NativeAppSecret";
    public const string SeedRedirectUri = "https://mycompdomain.com/returnpath";
    public const string StartSampleRedirectUri = "https://mycompdomain.com/returnpath/oAuthCallBack";
    public const string NativeLoopbackRedirectUri = "http://127.0.0.1:7890/callback";
    public const string CallbackPath = "/waharoa/callback";

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<DemoCredentials?> EnsureAsync(
        DataFolder folder, ServerCertificates certificates, IClientStore clients, IUserStore users, int desktopPort, TimeProvider time, CancellationToken cancellationToken)
    {
        if (File.Exists(folder.DemoFile))
        {
            return Read(folder.DemoFile);
        }

        var now = time.GetUtcNow();
        var callback = $"https://localhost:{desktopPort}{CallbackPath}";

        using (var certificate = certificates.Authority.IssueClientCertificate(CloudClientId))
        {
            CertificateFiles.Write(certificate, folder.ClientCertificate(CloudClientId), folder.ClientKey(CloudClientId));
            await clients.AddClientAsync(new DspClient(
                CloudClientId, "FooBar Payroll (demo cloud DSP)", ClientKind.Cloud, SecretHasher.Hash(CloudClientSecret),
                [callback, SeedRedirectUri, StartSampleRedirectUri], null, now)
                {
                    Services = ["*"],

                    // Enrolled by its CN, as IR enrols DSPs: a renewed certificate from the development CA works too.
                    CertificateCommonName = CertificateFiles.CommonName(certificate),

                    // It signs its M2M JWTs with its TLS certificate, enrolled as its signing certificate too.
                    SigningCertificates = [certificate.ExportCertificatePem()],
                }, cancellationToken);
        }

        await clients.AddClientAsync(new DspClient(
            NativeClientId, "SmartPay (demo desktop app)", ClientKind.Native, SecretHasher.Hash(NativeClientSecret),
            [callback, NativeLoopbackRedirectUri], null, now) { Services = ["*"] }, cancellationToken);

        var demoUsers = new[] { new DemoUser("TR24573773", "Password1!"), new DemoUser("Client008", "Password2!") };
        foreach (var user in demoUsers)
        {
            await users.AddUserAsync(new MyIrUser(user.Logon, UserPasswordHasher.Hash(user.Password), now), cancellationToken);
        }

        var demo = new DemoCredentials(
            [
                new DemoClient(CloudClientId, CloudClientSecret, callback, [callback, SeedRedirectUri, StartSampleRedirectUri], "cloud",
                    folder.ClientCertificate(CloudClientId), folder.ClientKey(CloudClientId)),
                new DemoClient(NativeClientId, NativeClientSecret, callback, [callback, NativeLoopbackRedirectUri], "native", null, null),
            ],
            demoUsers,
            folder.CaCertificate);
        await OwnerOnlyFiles.WriteAllTextAsync(folder.DemoFile, JsonSerializer.Serialize(demo, Json), cancellationToken);
        return demo;
    }

    public static DemoCredentials? Read(string path) =>
        JsonSerializer.Deserialize<DemoCredentials>(File.ReadAllText(path));
}
