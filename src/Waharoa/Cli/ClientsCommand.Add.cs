using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using System.Text.Json;
using Waharoa.Server.Administration;
using Waharoa.Server.Control;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;
using Waharoa.Server.Tls;

namespace Waharoa.Cli;

/// <summary><c>waharoa clients add</c>: registers a DSP client, its certificate enrolled or issued by the development CA.</summary>
internal static partial class ClientsCommand
{
    private static Command Add()
    {
        var data = CommonOptions.Store();
        var id = new Option<string>("--client-id") { Description = "The client_id", Required = true };
        var name = new Option<string?>("--name") { Description = "Name shown on the consent page (default: the client_id)" };
        var secret = new Option<string?>("--secret") { Description = "The client secret (default: a new random one, printed once)" };
        var kind = new Option<string>("--kind") { Description = "cloud (mutual TLS, refresh tokens) or native (desktop app)", DefaultValueFactory = _ => "cloud" };
        kind.AcceptOnlyFromAmong("cloud", "native");
        var redirects = new Option<string[]>("--redirect-uri") { Description = "A redirect URI (repeat for several); matched exactly", Required = true, AllowMultipleArgumentsPerToken = false };
        var certificate = new Option<FileInfo?>("--certificate") { Description = "PEM certificate to enrol for a cloud client" };
        var commonName = new Option<string?>("--common-name")
        {
            Description = "Enrol a cloud client by the Common Name of its certificates, as IR does (default: the CN of --certificate, or the client_id with --issue-certificate)",
        };
        var pin = new Option<bool>("--pin-certificate") { Description = "Accept only the --certificate given (its thumbprint), not any trusted certificate with its CN" };
        var issue = new Option<bool>("--issue-certificate") { Description = "Have the development CA issue a client certificate into certs/clients/" };
        var signing = new Option<FileInfo[]>("--signing-certificate")
        {
            Description = "A PEM certificate the DSP signs M2M JWTs with (repeat for several; self-signed allowed); default: its TLS certificate",
            AllowMultipleArgumentsPerToken = false,
        };
        var services = new Option<string[]>("--service") { Description = "A gateway web service the client is enrolled for (repeat; default * = every service)" };
        var platforms = new Option<string[]>("--software-platform")
        {
            Description = "A software platform value IR assigned the DSP at onboarding (repeat for several); SOAP requests naming any other are refused with status 5. Default: any platform",
        };
        var add = data.Command("add", "Register a DSP client", id, name, secret, kind, redirects, certificate, commonName, pin, issue, signing, services, platforms);
        add.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Folder(parse, data);
            var clientId = parse.GetValue(id)!;
            var clientKind = parse.GetValue(kind)!;
            var cn = parse.GetValue(commonName);
            var certificateFile = parse.GetValue(certificate);
            var issueCertificate = parse.GetValue(issue) && clientKind == "cloud";
            if (parse.GetValue(pin) && certificateFile is null)
            {
                await Console.Error.WriteLineAsync("error: --pin-certificate pins the --certificate FILE given.");
                return 2;
            }

            if (clientKind == "cloud" && certificateFile is null && cn is null && !issueCertificate)
            {
                await Console.Error.WriteLineAsync("error: a cloud client needs --certificate FILE, --common-name CN or --issue-certificate.");
                return 2;
            }

            var signingPems = new List<string>();
            foreach (var file in parse.GetValue(signing) ?? [])
            {
                try
                {
                    using var signer = CertificateFiles.Load(file.FullName);
                    signingPems.Add(signer.ExportCertificatePem());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
                {
                    await Console.Error.WriteLineAsync($"error: cannot read a PEM signing certificate at {file.FullName}: {ex.Message}");
                    return 2;
                }
            }

            string? certificatePem = null;
            if (clientKind == "cloud" && certificateFile is not null)
            {
                using var enrolled = CertificateFiles.Load(certificateFile.FullName);
                certificatePem = enrolled.ExportCertificatePem();
            }

            var request = new NewClientRequest(
                clientId,
                parse.GetValue(name),
                clientKind,
                parse.GetValue(redirects) ?? [],
                parse.GetValue(services) is { Length: > 0 } serviceNames ? serviceNames : null,
                null,
                parse.GetValue(platforms) ?? [],
                parse.GetValue(secret),
                certificatePem,
                clientKind == "cloud" ? cn : null,
                parse.GetValue(pin) && clientKind == "cloud",
                clientKind == "cloud" ? signingPems : null);

            if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
            {
                using (api)
                {
                    // The running server registers the client (and its test CA issues the certificate): it serves it at once.
                    return await OverApiAsync(async () =>
                    {
                        var added = (await api.SendAsync(HttpMethod.Post, "/control/clients", request, cancellationToken)).Deserialize<ClientWithSecret>(ControlJson.Options)!;
                        if (issueCertificate)
                        {
                            var issued = (await api.SendAsync(HttpMethod.Post, $"/control/clients/{Uri.EscapeDataString(clientId)}/certificates/issue", new CertificateForClientRequest(), cancellationToken))
                                .Deserialize<IssuedCertificateView>(ControlJson.Options)!;
                            using var written = X509Certificate2.CreateFromPem(issued.CertificatePem, issued.PrivateKeyPem);
                            CertificateFiles.Write(written, folder.ClientCertificate(clientId), folder.ClientKey(clientId));
                            PrintIssued(folder, clientId);
                        }

                        PrintSecret(added);
                        return 0;
                    });
                }
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            X509Certificate2? issued = null;
            if (issueCertificate)
            {
                // Refused before anything is issued: the files of the client that has the id stay as they are.
                if (await store.FindRegisteredClientAsync(clientId, cancellationToken) is not null)
                {
                    var taken = ClientProblem.Taken(clientId);
                    return await RefuseAsync(taken.Status, taken.Message);
                }

                if (store.IsShared)
                {
                    // From the development CA every instance trusts, kept in the database; the folder's own is left alone.
                    try
                    {
                        issued = await SharedFolderFiles.IssueClientCertificateAsync(store, clientId, TimeProvider.System, cancellationToken);
                    }
                    catch (InvalidOperationException ex)
                    {
                        await Console.Error.WriteLineAsync($"error: {ex.Message}");
                        return 1;
                    }
                }
                else
                {
                    using var certificates = ServerCertificates.LoadOrCreate(folder, TimeProvider.System);
                    issued = certificates.Authority.IssueClientCertificate(clientId);
                }

                request = request with { CommonName = cn ?? CertificateFiles.CommonName(issued) };
            }

            using var issuedCertificate = issued;
            var outcome = await new ClientAdministration(store, TimeProvider.System).AddAsync(request, cancellationToken);
            if (outcome.Problem is { } problem)
            {
                // Refused (a bad redirect URI, say): the certificate issued for it is not kept.
                return await RefuseAsync(problem.Status, problem.Message);
            }

            if (issued is not null)
            {
                if (store.IsShared)
                {
                    await SharedFolderFiles.KeepClientCertificateAsync(store, folder, clientId, issued, TimeProvider.System, cancellationToken);
                }
                else
                {
                    CertificateFiles.Write(issued, folder.ClientCertificate(clientId), folder.ClientKey(clientId));
                }

                PrintIssued(folder, clientId);
            }

            PrintSecret(outcome.Value!);
            return 0;
        });
        return add;
    }

    private static DataFolder Folder(ParseResult parse, StoreOptions data) => new(Path.GetFullPath(parse.GetValue(data.Data)!));

    private static void PrintIssued(DataFolder folder, string clientId)
    {
        Console.WriteLine($"certificate: {folder.ClientCertificate(clientId)}");
        Console.WriteLine($"key:         {folder.ClientKey(clientId)}");
    }
}
