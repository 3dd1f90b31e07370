using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;

namespace Waharoa.Server.Seeding;

internal sealed partial class SeedLoader
{
    /// <summary>
    /// A DSP client as <c>clients add</c> makes it, checked by the same rules (secret, redirect URIs, software platforms,
    /// certificates); registering one whose identifier is taken fails the seed.
    /// </summary>
    private void PlanClient(List<Func<CancellationToken, Task>> steps, SeedClient client, string where, string baseDirectory, DateTimeOffset now, Func<string?, string, string> ird)
    {
        var clientId = Required(client.ClientId, where + ".client_id");
        var kind = Enum<ClientKind>(client.Kind, where + ".kind");
        var secret = Required(client.Secret, where + ".secret");
        if (ClientSecretRule.Problem(secret) is { } weak)
        {
            throw new SeedException($"{where}.secret: {weak}");
        }

        string? thumbprint = null;
        var commonName = client.CommonName;
        if (client.Certificate is not null)
        {
            using var certificate = LoadCertificate(baseDirectory, client.Certificate, where + ".certificate");
            thumbprint = client.PinCertificate ? CertificateFiles.Sha256Thumbprint(certificate) : null;
            commonName ??= CertificateFiles.CommonName(certificate);
        }
        else if (client.PinCertificate)
        {
            throw new SeedException($"{where}.pin_certificate: pins the certificate given, and none is");
        }
        else if (kind == ClientKind.Cloud && commonName is null)
        {
            throw new SeedException($"{where}.certificate: a cloud client needs its certificate (PEM) or the common_name it is enrolled by");
        }

        if (client.RedirectUris.Count == 0)
        {
            throw new SeedException($"{where}.redirect_uris: give at least one redirect URI");
        }

        if (client.RedirectUris.Select(RedirectUriRule.Problem).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new SeedException($"{where}.redirect_uris: {problem}");
        }

        if (client.SoftwarePlatforms.Select(SoftwarePlatformRule.Problem).FirstOrDefault(p => p is not null) is { } platformProblem)
        {
            throw new SeedException($"{where}.software_platforms: {platformProblem}");
        }

        var signing = client.SigningCertificates.Select((file, j) =>
        {
            using var signer = LoadCertificate(baseDirectory, file, $"{where}.signing_certificates[{j}]");
            return signer.ExportCertificatePem();
        }).ToArray();
        var record = new DspClient(clientId, client.Name ?? clientId, kind, SecretHasher.Hash(secret), client.RedirectUris, thumbprint, now)
        {
            SigningCertificates = signing,
            CertificateCommonName = kind == ClientKind.Cloud ? commonName : null,
            Services = client.Services ?? ["*"],
            CustomerIrd = client.Customer is null ? null : ird(client.Customer, where + ".customer"),
            SoftwarePlatforms = [.. client.SoftwarePlatforms.Distinct(StringComparer.Ordinal)],
        };
        steps.Add(async ct =>
        {
            if (!await clients.AddClientAsync(record, ct))
            {
                throw new SeedException($"{where}.client_id: a client '{clientId}' is already registered; remove it first (waharoa clients remove)");
            }
        });
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string baseDirectory, string file, string where)
    {
        var path = Path.GetFullPath(Path.Combine(baseDirectory, file));
        try
        {
            return CertificateFiles.Load(path);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException)
        {
            throw new SeedException($"{where}: cannot read a PEM certificate at {path}: {ex.Message}", ex);
        }
    }
}
