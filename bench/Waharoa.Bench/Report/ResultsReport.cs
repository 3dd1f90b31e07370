using System.Globalization;
using System.Text;
using Waharoa.Bench.Workloads;

namespace Waharoa.Bench.Report;

/// <summary>Writes the results file: the machine, the measurements, the physical limit of signing, and the targets met or missed.</summary>
internal sealed class ResultsReport(IReadOnlyList<Measurement> rows, IReadOnlyDictionary<string, string> facts, IReadOnlyList<string> machine)
{
    /// <summary>RSA signatures one refresh response needs: xIAMS signs a JWT access token and a JWT refresh token.</summary>
    public const int XiamsSignaturesPerRefresh = 2;

    /// <summary>START signs its at-JWT access token; its refresh token is opaque (random, stored as a SHA-256 hash).</summary>
    public const int StartSignaturesPerRefresh = 1;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string Workload, string Letter, string What, string Where)[] Catalogue =
    [
        (BenchWorkloads.XiamsRefresh, "a", "xIAMS refresh_token grant", "cloud (mutual TLS) `POST /ms_oauth/oauth2/endpoints/oauthservice/tokens`"),
        (BenchWorkloads.StartRefresh, "a", "START refresh_token grant", "cloud (mutual TLS) `POST /gateway3/oauth/token`"),
        (BenchWorkloads.XiamsValidate, "b", "xIAMS validate (access token)", "cloud (mutual TLS) `POST …/oauthservice/tokens` `oracle_token_action=validate`"),
        (BenchWorkloads.StartIntrospect, "b", "START introspect (access token)", "cloud (mutual TLS) `POST /gateway3/oauth/introspect`"),
        (BenchWorkloads.Gateway, "c", "gateway, bearer token, to the upstream", "cloud (mutual TLS) `GET /gateway/bench/hello` → `http://127.0.0.1`"),
        (BenchWorkloads.GatewayM2m, "c", "gateway, M2M JWT, to the upstream", "as above, `Authorization: <M2M JWT>` (RS256, signed with the client certificate's key)"),
        (BenchWorkloads.Nginx, "c", "nginx, mutual-TLS proxy to the upstream", "nginx (mutual TLS, the same certificates) `GET /gateway/bench/hello` → `http://127.0.0.1`"),
        (BenchWorkloads.Floor, "c", "framework floor: Waharoa's listener, bare YARP forwarder", "Waharoa's cloud listener (mutual TLS) → YARP `MapForwarder` → `http://127.0.0.1`, no token, no gateway work"),
        (BenchWorkloads.GatewayUnrecorded, "c", "gateway, bearer token, calls not recorded", "as the bearer row, on a server started with `Waharoa:Calls:Record=false` (no inspector, no reports)"),
        (BenchWorkloads.Direct, "c", "the same upstream called directly", "plain HTTP `GET http://127.0.0.1:…/hello`"),
        (BenchWorkloads.GatewayOneConnection, "c", "gateway, over 1 connection", "as above, one request at a time"),
        (BenchWorkloads.FloorOneConnection, "c", "framework floor, over 1 connection", "as above, one request at a time"),
        (BenchWorkloads.DirectOneConnection, "c", "upstream directly, over 1 connection", "as above, one request at a time"),
        (BenchWorkloads.NginxPinned, "c", "nginx, server on 1 core, load generator on the other", "nginx as above, `worker_processes 1` under `taskset -c 0`"),
        (BenchWorkloads.GatewayPinned, "c", "gateway, bearer token, server on 1 core, load generator on the other", "gateway as above, Waharoa's threads on core 0"),
        (BenchWorkloads.GatewayM2mPinned, "c", "gateway, M2M JWT, server on 1 core, load generator on the other", "gateway M2M as above, Waharoa's threads on core 0"),
        (BenchWorkloads.FloorPinned, "c", "framework floor, server on 1 core, load generator on the other", "floor as above under `taskset -c 0`"),
        (BenchWorkloads.OidcRefresh, "e", "oidc-provider refresh_token grant", "HTTPS with a client certificate `POST /token`"),
    ];

    /// <summary>The rows with the server on a core of its own, and how busy that core must be for the row to measure the server.</summary>
    private static readonly string[] PinnedRows = [BenchWorkloads.NginxPinned, BenchWorkloads.GatewayPinned, BenchWorkloads.GatewayM2mPinned, BenchWorkloads.FloorPinned];

    private const double PinnedSaturation = 0.9;

    public string Fact(string key) => facts.TryGetValue(key, out var value) ? value : "?";

    private Measurement? Row(string workload) => rows.FirstOrDefault(r => r.Workload == workload);

    private double SignPerSecond => double.TryParse(Fact("sign_per_s"), Invariant, out var v) ? v : 0;

    private double VerifyPerSecond => double.TryParse(Fact("verify_per_s"), Invariant, out var v) ? v : 0;

    /// <summary>The results table alone, as printed on the console.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| | measurement | endpoint | requests/s | p50 ms | p99 ms | errors | peak memory (VmHWM) | CPU: server + load generator | server CPU per request | CPU of other processes |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (workload, letter, what, where) in Catalogue)
        {
            if (Row(workload) is { } r)
            {
                text.AppendLine(Invariant, $"| {letter} | {what} | {where} | {r.RequestsPerSecond:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.Errors} | {r.PeakMb:F0} MB ({r.Process}) | {Cores(r.ServerCores)} + {Cores(r.LoaderCores)} | {CpuPerRequest(r)} | {Cores(r.OtherCores)} |");
            }
            else
            {
                text.AppendLine(Invariant, $"| {letter} | {what} | {where} | not measured | | | | | | | |");
            }
        }

        text.AppendLine(Invariant, $"| d | RSA-2048 private-key operations | `openssl speed -seconds {Fact("openssl_seconds")} -multi {Fact("cores")} rsa2048` | {SignPerSecond:N0} sign/s | | | | | {Fact("cores")} cores (openssl) | {1000.0 * int.Parse(Fact("cores"), Invariant) / Math.Max(SignPerSecond, 1):F3} ms a signature | |");
        return text.ToString();
    }

    /// <summary>Each target with what was measured and PASS or MISS.</summary>
    public IReadOnlyList<(string Target, string Measured, bool? Pass)> Targets()
    {
        var targets = new List<(string, string, bool?)>();
        foreach (var (workload, dialect, signatures) in new[] { (BenchWorkloads.XiamsRefresh, "xIAMS", XiamsSignaturesPerRefresh), (BenchWorkloads.StartRefresh, "START", StartSignaturesPerRefresh) })
        {
            var limit = SignPerSecond / signatures;
            var r = Row(workload);
            targets.Add(r is null || limit <= 0
                ? ($"(a) {dialect} refresh ≥ 60% of (d)", "not measured", null)
                : ($"(a) {dialect} refresh ≥ 60% of (d) = {SignPerSecond:N0} sign/s ÷ {signatures} = {limit:N0}/s",
                    $"{r.RequestsPerSecond:N0}/s = {Percent(r.RequestsPerSecond / limit)}", r.RequestsPerSecond >= 0.6 * limit));
        }

        targets.Add(Share("(c) gateway with a bearer token ≥ 50% of nginx's mutual-TLS proxy, shared cores", BenchWorkloads.Gateway, BenchWorkloads.Nginx, 0.5));
        targets.Add(Share("(c) gateway with a bearer token ≥ 50% of nginx's mutual-TLS proxy, server on 1 core", BenchWorkloads.GatewayPinned, BenchWorkloads.NginxPinned, 0.5));
        targets.Add(Share("(c) gateway with an M2M JWT ≥ 90% of the bearer token, shared cores", BenchWorkloads.GatewayM2m, BenchWorkloads.Gateway, 0.9));
        targets.Add(Share("(c) gateway with an M2M JWT ≥ 90% of the bearer token, server on 1 core", BenchWorkloads.GatewayM2mPinned, BenchWorkloads.GatewayPinned, 0.9));
        if (Row(BenchWorkloads.GatewayOneConnection) is { } gateway1 && Row(BenchWorkloads.DirectOneConnection) is { } direct1)
        {
            targets.Add(("(c) gateway adds < 0.3 ms at p99 with nothing queued (one connection)",
                string.Create(Invariant, $"{gateway1.P99Ms:F2} − {direct1.P99Ms:F2} = {gateway1.P99Ms - direct1.P99Ms:F2} ms"),
                gateway1.P99Ms - direct1.P99Ms < 0.3));
        }
        else
        {
            targets.Add(("(c) gateway adds < 0.3 ms at p99 with nothing queued (one connection)", "not measured", null));
        }

        if (Row(BenchWorkloads.OidcRefresh) is { } oidc && oidc.RequestsPerSecond > 0)
        {
            foreach (var (workload, dialect, signatures) in new[] { (BenchWorkloads.StartRefresh, "START", StartSignaturesPerRefresh), (BenchWorkloads.XiamsRefresh, "xIAMS", XiamsSignaturesPerRefresh) })
            {
                if (Row(workload) is { } r)
                {
                    // The most this dialect could reach on this machine, if its response cost nothing but its signatures.
                    var ceiling = SignPerSecond > 0 ? string.Create(Invariant, $"; at (d)'s limit it would be {SignPerSecond / signatures / oidc.RequestsPerSecond:F2}×") : string.Empty;
                    targets.Add(($"Waharoa ≥ 2× oidc-provider: {dialect} refresh ÷ oidc-provider refresh",
                        string.Create(Invariant, $"{r.RequestsPerSecond:N0}/s ÷ {oidc.RequestsPerSecond:N0}/s = {r.RequestsPerSecond / oidc.RequestsPerSecond:F2}×{ceiling}"),
                        r.RequestsPerSecond >= 2 * oidc.RequestsPerSecond));
                }
            }
        }

        var waharoaRows = rows.Where(r => r.Process == "waharoa").ToList();
        if (waharoaRows.Count > 0)
        {
            var peak = waharoaRows.Max(r => r.PeakMb);
            targets.Add(("Waharoa's peak memory < 200 MB", string.Create(Invariant, $"{peak:F0} MB (VmHWM after all its measurements)"), peak < 200));
        }

        var restartTarget = $"Restart on an existing data folder: first request served < 1 s (median of 3; {Fact("restart_build")})";
        if (double.TryParse(Fact("restart_ms"), Invariant, out var restart))
        {
            targets.Add((restartTarget, string.Create(Invariant, $"{restart / 1000:F2} s ({Fact("restart_ms_all")} ms)"), restart < 1000));
        }
        else
        {
            targets.Add((restartTarget, "failed: " + Fact("restart_ms"), false));
        }

        if (double.TryParse(Fact("restart_fd_ms"), Invariant, out var restartFd))
        {
            targets.Add((
                "(information) the same restart of the framework-dependent published build (ReadyToRun; the rows above ran it)",
                string.Create(Invariant, $"{restartFd / 1000:F2} s ({Fact("restart_fd_ms_all")} ms)"),
                null));
        }

        if (double.TryParse(Fact("restart_jit_ms"), Invariant, out var restartJit))
        {
            targets.Add((
                "(information) the same restart from `dotnet build -c Release` output (every method compiled when first called)",
                string.Create(Invariant, $"{restartJit / 1000:F2} s ({Fact("restart_jit_ms_all")} ms)"),
                null));
        }

        // What the framework alone allows: the gateway's targets measured against its floor.
        targets.Add(Information("(information) framework floor's share of nginx's mutual-TLS proxy, shared cores", BenchWorkloads.Floor, BenchWorkloads.Nginx));
        targets.Add(Information("(information) framework floor's share of nginx's mutual-TLS proxy, server on 1 core", BenchWorkloads.FloorPinned, BenchWorkloads.NginxPinned));
        targets.Add(Information("(information) gateway with a bearer token's share of the framework floor, shared cores", BenchWorkloads.Gateway, BenchWorkloads.Floor));
        targets.Add(Information("(information) gateway with a bearer token, calls recorded (the default), as a share of the same with recording off", BenchWorkloads.Gateway, BenchWorkloads.GatewayUnrecorded));
        targets.Add(Information("(information) gateway with a bearer token's share of the framework floor, server on 1 core", BenchWorkloads.GatewayPinned, BenchWorkloads.FloorPinned));
        if (Row(BenchWorkloads.FloorOneConnection) is { } floor1 && Row(BenchWorkloads.DirectOneConnection) is { } direct1Floor)
        {
            targets.Add(("(information) framework floor adds at p99 with nothing queued (one connection)",
                string.Create(Invariant, $"{floor1.P99Ms:F2} − {direct1Floor.P99Ms:F2} = {floor1.P99Ms - direct1Floor.P99Ms:F2} ms (p50: {floor1.P50Ms:F2} − {direct1Floor.P50Ms:F2} = {floor1.P50Ms - direct1Floor.P50Ms:F2} ms)"), null));
        }

        // The targets before nginx was the peer, against the upstream called directly: for information.
        if (Row(BenchWorkloads.Gateway) is { } gateway && Row(BenchWorkloads.Direct) is { } direct && direct.RequestsPerSecond > 0)
        {
            targets.Add(("(information) gateway's share of the upstream's direct throughput (the former target: ≥ 50%)",
                $"{gateway.RequestsPerSecond:N0}/s of {direct.RequestsPerSecond:N0}/s = {Percent(gateway.RequestsPerSecond / direct.RequestsPerSecond)}", null));
            targets.Add(($"(information) gateway adds at p99, {gateway.Connections} connections (the former target: < 2 ms)",
                string.Create(Invariant, $"{gateway.P99Ms:F2} − {direct.P99Ms:F2} = {gateway.P99Ms - direct.P99Ms:F2} ms"), null));
        }

        return targets;
    }

    /// <summary>An information line: <paramref name="workload"/>'s requests a second as a share of <paramref name="peer"/>'s.</summary>
    private (string Target, string Measured, bool? Pass) Information(string line, string workload, string peer)
    {
        var (target, measured, _) = Share(line, workload, peer, 0);
        return (target, measured, null);
    }

    /// <summary>The target that <paramref name="workload"/> serves at least <paramref name="share"/> of <paramref name="peer"/>'s requests a second.</summary>
    private (string Target, string Measured, bool? Pass) Share(string target, string workload, string peer, double share) =>
        Row(workload) is { } r && Row(peer) is { } p && p.RequestsPerSecond > 0
            ? (target,
                $"{r.RequestsPerSecond:N0}/s of {p.RequestsPerSecond:N0}/s = {Percent(r.RequestsPerSecond / p.RequestsPerSecond)}; server CPU a request {CpuPerRequest(r)} against {CpuPerRequest(p)}{Efficiency(r, p)}",
                r.RequestsPerSecond >= share * p.RequestsPerSecond)
            : (target, "not measured", null);

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"# Waharoa benchmark, {Fact("date")}");
        text.AppendLine();
        text.AppendLine(Invariant, $"`{Fact("command")}`: {Fact("duration")} s measured per row after {Fact("warmup")} s of warm-up, {Fact("connections")} connections (kept alive, HTTP/1.1), Release build (published, ReadyToRun).");
        text.AppendLine("Server, load generator, upstream, nginx and oidc-provider all run on this one machine over loopback and share its cores,");
        text.AppendLine("but for the rows \"server on 1 core\": there the server has core 0 to itself and the load generator and the upstream core 1.");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        foreach (var line in machine)
        {
            text.AppendLine("- " + line);
        }

        text.AppendLine();
        text.AppendLine("## Measurements");
        text.AppendLine();
        text.Append(Table());
        text.AppendLine();
        text.AppendLine("Peak memory is the serving process's VmHWM (`/proc/<pid>/status`) read right after the row's measurement: for `waharoa` it");
        text.AppendLine("is the peak since that process started, all earlier rows included; for `nginx` it is its master's and its workers'");
        text.AppendLine("added (each nginx row is a fresh nginx). CPU is in cores' worth (1.00 = one core busy the whole window), from");
        text.AppendLine("`/proc/<pid>/stat` over the measured window, of the serving process (nginx's workers included) and of the load generator;");
        text.AppendLine("server CPU per request is the serving process's CPU time divided by the requests it served. The two one-connection rows");
        text.AppendLine("send one request at a time: what the gateway adds to a call when nothing queues. CPU of other processes is the");
        text.AppendLine("machine's user, system and steal time (`/proc/stat`) less that of the server, the load generator and the upstream: load");
        text.AppendLine("from outside the benchmark that took cores from it.");
        var disturbed = rows.Where(r => r.OtherCores > 0.2).Select(r => r.Workload).ToList();
        if (disturbed.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"**Disturbed:** other processes used more than 0.2 cores during {string.Join(", ", disturbed)}; those rows understate what this machine can do.");
        }

        // A server on a core of its own that left it partly idle was held back by the other core (load generator and upstream).
        var unsaturated = rows.Where(r => PinnedRows.Contains(r.Workload) && r.ServerCores < PinnedSaturation)
            .Select(r => string.Create(Invariant, $"{r.Workload} ({Cores(r.ServerCores)})")).ToList();
        if (unsaturated.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"**Not server-bound:** the server's core was less than {Percent(PinnedSaturation)} busy during {string.Join(", ", unsaturated)}: the load generator's core (with the upstream) was the limit, so those requests/s understate the server; its CPU a request does not.");
        }
        text.AppendLine();
        text.AppendLine("## The physical limit of the refresh grant (d)");
        text.AppendLine();
        text.AppendLine(Invariant, $"`openssl speed -seconds {Fact("openssl_seconds")} -multi {Fact("cores")} rsa2048`: {SignPerSecond:N0} sign/s and {VerifyPerSecond:N0} verify/s over {Fact("cores")} cores.");
        text.AppendLine();
        text.AppendLine("| dialect | RSA signatures per refresh response | limit | measured | share |");
        text.AppendLine("|---|---|---:|---:|---:|");
        AppendLimit(text, "xIAMS", BenchWorkloads.XiamsRefresh, XiamsSignaturesPerRefresh, "2: the access token and the refresh token are both RS512 JWTs (and the presented refresh JWT is verified, 1 public-key operation)");
        AppendLimit(text, "START", BenchWorkloads.StartRefresh, StartSignaturesPerRefresh, "1: the at-JWT access token (RS512); the refresh token is opaque (random, looked up by its SHA-256)");
        AppendLimit(text, "oidc-provider", BenchWorkloads.OidcRefresh, 1, "1: the JWT access token (RS512, resource indicators); the refresh token is opaque");
        text.AppendLine();
        text.AppendLine("## Against the targets");
        text.AppendLine();
        text.AppendLine("| target | measured | |");
        text.AppendLine("|---|---|---|");
        foreach (var (target, measured, pass) in Targets())
        {
            text.AppendLine($"| {target} | {measured} | {(pass is null ? "n/a" : pass.Value ? "PASS" : "MISS")} |");
        }

        text.AppendLine();
        text.AppendLine("## How it was measured");
        text.AppendLine();
        text.AppendLine("- Waharoa: `dotnet Waharoa.dll serve` (`dotnet publish -c Release` with ReadyToRun, as it is deployed) on a fresh data folder with its demo data, both endpoints on 127.0.0.1, with a");
        text.AppendLine("  `--config` that routes `/gateway/bench/{**rest}` to the trivial upstream and lifts the cloud endpoint's per-DSP throttle out of the way.");
        text.AppendLine("- The load generator (`bench/Waharoa.Bench`) keeps one worker per connection sending requests back to back. A request counts when it");
        text.AppendLine("  completes inside the measured window with the expected answer (a refresh: 200 with a new refresh token; validate:");
        text.AppendLine("  `\"successful\":true`; introspect: `\"active\":true`; GET: 200); latency runs from sending to the end of the body. Errors are");
        text.AppendLine("  any other answer; a refresh chain that breaks stops its worker.");
        text.AppendLine("- Tokens are got as a DSP gets them: the demo user logs on once through the myIR pages (anti-forgery form posts) and consents;");
        text.AppendLine("  each worker then gets its own code and grant, exchanged on the cloud endpoint with `xyzComp_FooBar`'s certificate. Each refresh");
        text.AppendLine("  worker chains its own refresh token (START's are single use; xIAMS's are reusable, but a client keeps the newest).");
        text.AppendLine("  Validate, introspect and the gateway send one access token per worker.");
        text.AppendLine("- (c): the trivial upstream is a Kestrel app on 127.0.0.1 (plain HTTP, 16-byte JSON body), in its own process; \"directly\" is plain");
        text.AppendLine("  HTTP to it, the gateway row adds mutual TLS, the bearer-token check (the JWT's RS512 signature verified the first time it is");
        text.AppendLine("  seen, its record read through a one-second cache that revocations evict), the DSP looked up by certificate (through a");
        text.AppendLine("  one-second cache that client changes evict), throttling bookkeeping, recording the call (redacted, into SQLite in batches)");
        text.AppendLine("  and the YARP hop. The M2M row sends, instead of the bearer token,");
        text.AppendLine("  an M2M JWT bare in `Authorization` (header `{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"M2M\"}`, `iss`, `sub` the");
        text.AppendLine("  certificate's SHA-256 thumbprint, `iat`, `exp` 8 hours on, no `startLogon`), signed with the key of the demo client's TLS");
        text.AppendLine("  certificate, which is enrolled as its signing certificate; Waharoa checks its header and claims on every request, its RS256");
        text.AppendLine("  signature the first time it sees it (remembered while that certificate stays enrolled), and keeps no record of it, so every");
        text.AppendLine("  worker sends the same JWT.");
        text.AppendLine("- nginx (Debian's nginx-light) is the peer for the gateway: the same call through its proxy with the same mutual TLS as");
        text.AppendLine("  Waharoa's cloud endpoint (Waharoa's server certificate, `ssl_verify_client on` against the same CA, TLS 1.2 with IR's three");
        text.AppendLine("  ECDHE-ECDSA suites and TLS 1.3 with its three), `proxy_pass` to the same upstream over kept-alive connections (`keepalive 64`),");
        text.AppendLine("  `worker_processes auto`, no access log, no token: it is what a mutual-TLS proxy costs without Waharoa's checks.");
        text.AppendLine("- Framework floor (`Waharoa.Bench floor`): Waharoa's own code builds its cloud listener (the same Kestrel options, server");
        text.AppendLine("  certificate, mutual TLS with the same client-certificate check, IR's suites), in front of YARP's direct forwarder");
        text.AppendLine("  (`MapForwarder`, path prefix removed) to the same upstream; no token, no client lookup, no throttling, metrics or logging.");
        text.AppendLine("  The gateway cannot be faster than it: it is what ASP.NET Core and YARP cost for this call on this machine.");
        text.AppendLine("- Server on 1 core: nginx started under `taskset -c 0` with `worker_processes 1`; the running Waharoa's threads moved to core 0");
        text.AppendLine("  (`taskset -a -p`; .NET sized its thread pool and GC for the machine's cores when it started); the load generator under");
        text.AppendLine("  `taskset -c 1`, with the upstream moved to core 1 too. The server's core then holds the proxy alone.");
        text.AppendLine("- (e): node's oidc-provider (`bench/oidc/server.mjs`) over node's HTTPS server with the same server certificate, requiring and");
        text.AppendLine("  verifying the same client certificate at the TLS layer (it does not tie it to the client: client authentication is");
        text.AppendLine("  client_secret_basic), signing RS512 JWT access tokens (resource indicators) with a 2048-bit RSA key of its own,");
        text.AppendLine("  rotating refresh tokens as START does, no ID token (no `openid` scope). Its refresh tokens come from its own authorization");
        text.AppendLine("  code flow with PKCE, whose login and consent interactions the script answers for a fixed user. It keeps its state in its");
        text.AppendLine("  in-memory adapter and runs one node process; Waharoa commits every issued token to SQLite before answering (the");
        text.AppendLine("  writes of concurrent requests share a commit).");
        text.AppendLine("- Warm-up: each row's load runs unmeasured first, so that .NET's tiered JIT has recompiled the hot code with what it");
        text.AppendLine("  profiled (and node's JIT has warmed up); the rows measure the steady state.");
        text.AppendLine("- Restart: the server is stopped (SIGTERM) and started again on the same data folder; the time runs from starting the");
        text.AppendLine("  process to the first successful START introspection over mutual TLS (curl polling every 10 ms), three times each (the median");
        text.AppendLine("  counts): with the self-contained build whose framework and Waharoa are compiled ahead of time into one composite image");
        text.AppendLine("  (`dotnet publish --self-contained -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true`), with the framework-dependent");
        text.AppendLine("  published build the other rows ran (ReadyToRun: Waharoa's own code compiled ahead of time, the framework's generic code over");
        text.AppendLine("  Waharoa's types compiled when first called) and with the `dotnet build -c Release` output (everything compiled when first called).");
        return text.ToString();
    }

    private void AppendLimit(StringBuilder text, string dialect, string workload, int signatures, string why)
    {
        var limit = SignPerSecond / signatures;
        var r = Row(workload);
        text.AppendLine(Invariant, $"| {dialect} | {why} | {limit:N0}/s | {(r is null ? "—" : r.RequestsPerSecond.ToString("N0", Invariant) + "/s")} | {(r is null || limit <= 0 ? "—" : Percent(r.RequestsPerSecond / limit))} |");
    }

    /// <summary>What <paramref name="r"/>'s server would serve of <paramref name="peer"/>'s on the same CPU: the inverse ratio of their CPU a request.</summary>
    private static string Efficiency(Measurement r, Measurement peer) =>
        r.ServerCores is double cores && peer.ServerCores is double peerCores && cores > 0 && peer.RequestsPerSecond > 0
            ? $" = {Percent(r.RequestsPerSecond / cores / (peer.RequestsPerSecond / peerCores))} of its requests a core"
            : string.Empty;

    private static string CpuPerRequest(Measurement r) =>
        r.ServerCores is double cores && r.RequestsPerSecond > 0 ? (1000 * cores / r.RequestsPerSecond).ToString("F3", Invariant) + " ms" : "?";

    private static string Cores(double? cores) => cores?.ToString("F2", Invariant) ?? "?";

    private static string Percent(double share) => (share * 100).ToString("F0", Invariant) + "%";
}
