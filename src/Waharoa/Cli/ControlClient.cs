using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Waharoa.Server.Control;
using Waharoa.Server.Data;

namespace Waharoa.Cli;

/// <summary>
/// The CLI's way to a running server's control API: its address from <c>--control-url</c> or the data folder's
/// <c>control.json</c>, trust in the data folder's development CA, and the operator credential from
/// <c>--operator-credential</c>, <c>$WAHAROA_OPERATOR_CREDENTIAL</c> or the data folder's <c>keys/operator.key</c>.
/// </summary>
internal sealed class ControlClient : IDisposable
{
    private readonly HttpClient _http;

    private ControlClient(HttpClient http) => _http = http;

    /// <summary>The options every control verb takes.</summary>
    public sealed record Options(Option<string> Data, Option<string?> Url, Option<string?> Credential)
    {
        public static Options Create() => new(
            CommonOptions.Data(),
            new Option<string?>("--control-url") { Description = "The control API of the running server; default: the one the data folder's control.json names" },
            new Option<string?>("--operator-credential")
            {
                Description = "The operator credential; default $WAHAROA_OPERATOR_CREDENTIAL, else the data folder's keys/operator.key",
            });

        /// <summary>A control verb: these options first, then <paramref name="others"/>.</summary>
        public Command Command(string name, string description, params Symbol[] others) =>
            CommonOptions.Verb(name, description, [Data, Url, Credential, .. others]);
    }

    /// <summary>
    /// Runs <paramref name="action"/> against the control API; an unreachable server, or an error the API answers, is printed
    /// to standard error and ends the verb with exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, Options options, Func<ControlClient, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(action);
        var folder = new DataFolder(Path.GetFullPath(parse.GetValue(options.Data)!));
        Uri? url;
        if (parse.GetValue(options.Url) is { Length: > 0 } given)
        {
            if (!Uri.TryCreate(given, UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps)
            {
                await Console.Error.WriteLineAsync($"error: --control-url must be an https:// address, not '{given}'.");
                return 2;
            }
        }
        else
        {
            url = ControlFile.Read(folder);
        }

        if (url is null)
        {
            await Console.Error.WriteLineAsync($"error: no running server's control API is known: start 'waharoa serve --data {folder.Root}' or pass --control-url.");
            return 1;
        }

        var credential = parse.GetValue(options.Credential) is { Length: > 0 } c ? c
            : Environment.GetEnvironmentVariable("WAHAROA_OPERATOR_CREDENTIAL") is { Length: > 0 } e ? e
            : File.Exists(OperatorCredential.PathIn(folder)) ? (await File.ReadAllTextAsync(OperatorCredential.PathIn(folder))).Trim() : null;
        using var client = new ControlClient(CreateHttp(url, folder, credential));
        try
        {
            return await action(client);
        }
        catch (ControlCallException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"error: the control API at {url} did not answer ({ex.Message}); is 'waharoa serve' running?");
            return 1;
        }
        catch (System.Text.Json.JsonException ex)
        {
            await Console.Error.WriteLineAsync($"error: the control API at {url} answered something that is not JSON ({ex.Message}).");
            return 1;
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"error: the control API at {url} did not answer in time.");
            return 1;
        }
    }

    /// <summary>
    /// The control API of the server running on <paramref name="folder"/> (its <c>control.json</c>), when it answers; null when
    /// none runs, so a management verb works on the store directly. The management verbs change a running server's data
    /// through it, so the server sees the change at once.
    /// </summary>
    public static async Task<ControlClient?> TryConnectAsync(DataFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (ControlFile.Read(folder) is not { } url)
        {
            return null;
        }

        var credential = Environment.GetEnvironmentVariable("WAHAROA_OPERATOR_CREDENTIAL") is { Length: > 0 } e ? e
            : File.Exists(OperatorCredential.PathIn(folder)) ? (await File.ReadAllTextAsync(OperatorCredential.PathIn(folder), cancellationToken)).Trim() : null;
        var client = new ControlClient(CreateHttp(url, folder, credential));
        try
        {
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromSeconds(3));
            // Any answer means a server runs there (one refusing the credential included: its refusal is then the verb's error).
            using var response = await client._http.GetAsync("control/instance", probe.Token);
            return client;
        }
        catch (HttpRequestException)
        {
            // No server on that address any more (control.json outlives the server that wrote it).
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Something holds the port but does not answer: treat as no server.
        }

        client.Dispose();
        return null;
    }

    /// <summary>Sends a call; the JSON answer of a 2xx, else <see cref="ControlCallException"/> with the API's message.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, object? body = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ControlJson.Options);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            json = JsonNode.Parse(text);
        }

        if (!response.IsSuccessStatusCode)
        {
            var message = json?["message"]?.GetValue<string>() ?? (text.Length > 0 ? text : response.ReasonPhrase);
            throw new ControlCallException($"{(int)response.StatusCode}: {message}");
        }

        return json;
    }

    /// <summary>Sends <paramref name="text"/> as the body (a seed file, say); the answer as <see cref="SendAsync"/> gives it.</summary>
    public async Task<JsonNode?> SendTextAsync(HttpMethod method, string path, string text, string contentType, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = new StringContent(text, System.Text.Encoding.UTF8, contentType) };
        using var response = await _http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = answer.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            ? JsonNode.Parse(answer)
            : null;
        return response.IsSuccessStatusCode
            ? json
            : throw new ControlCallException($"{(int)response.StatusCode}: {json?["message"]?.GetValue<string>() ?? response.ReasonPhrase}") { Status = (int)response.StatusCode };
    }

    /// <summary>Sends a call and returns the answer's raw bytes (a report file, say).</summary>
    public async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(path.TrimStart('/'), cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
                ? JsonNode.Parse(bytes)?["message"]?.GetValue<string>()
                : null;
            throw new ControlCallException($"{(int)response.StatusCode}: {message ?? response.ReasonPhrase}");
        }

        return bytes;
    }

    /// <summary>Prints <paramref name="json"/> as the API wrote it (indented).</summary>
    public static void Print(JsonNode? json) => Console.WriteLine(json?.ToJsonString(ControlJson.Options) ?? "");

    public void Dispose() => _http.Dispose();

    private static HttpClient CreateHttp(Uri url, DataFolder folder, string? credential)
    {
        var handler = new HttpClientHandler();
        if (File.Exists(folder.CaCertificate))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(folder.CaCertificate);
            handler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                if (errors == System.Net.Security.SslPolicyErrors.None)
                {
                    return true;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate) && (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == 0;
            };
        }

        var http = new HttpClient(handler) { BaseAddress = new Uri(url.ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(100) };
        if (credential is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }
}

/// <summary>The control API answered an error.</summary>
internal sealed class ControlCallException(string message) : Exception(message)
{
    /// <summary>The answer's HTTP status, where the call that failed says it.</summary>
    public int? Status { get; init; }
}
