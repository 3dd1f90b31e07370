using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;

namespace Waharoa.Testing;

/// <summary>
/// The real <c>waharoa</c> executable in its own process (<c>dotnet Waharoa.dll</c>), for what only a process
/// shows: start-up output, exit codes, and surviving <c>kill -9</c>. Always stopped by PID on dispose.
/// </summary>
public sealed class WaharoaProcess : WaharoaEndpoints, IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private WaharoaProcess(Process process, StringBuilder output, DataFolder folder, int desktopPort, int cloudPort)
        : base(folder)
    {
        _process = process;
        _output = output;
        DesktopUrl = new Uri($"https://localhost:{desktopPort}");
        CloudUrl = new Uri($"https://localhost:{cloudPort}");
    }

    public override Uri DesktopUrl { get; }

    public override Uri CloudUrl { get; }

    /// <summary>The control API's address, as the server wrote it into the data folder's control.json.</summary>
    public Uri? ControlUrl => Waharoa.Server.Control.ControlFile.Read(Folder);

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The path of the built executable beside the test assembly.</summary>
    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "Waharoa.dll");

    /// <summary>
    /// Starts <c>waharoa serve</c> on <paramref name="dataDirectory"/> (with <paramref name="extraArguments"/>, such as
    /// <c>--postgres</c>) and waits until it says it is running.
    /// </summary>
    public static async Task<WaharoaProcess> StartAsync(string dataDirectory, int? desktopPort = null, int? cloudPort = null, params string[] extraArguments)
    {
        // A port found free may be taken by another process before the server binds it: with ports of its own choosing,
        // a start refused for a port in use is tried again on others.
        for (var attempt = 1; ; attempt++)
        {
            var desktop = desktopPort ?? FreePort();
            var cloud = cloudPort ?? FreePort();
            var (process, output) = await SpawnServerAsync(dataDirectory, desktop, cloud, extraArguments);
            if (process is not null)
            {
                return new WaharoaProcess(process, output, new DataFolder(Path.GetFullPath(dataDirectory)), desktop, cloud);
            }

            var portTaken = output.ToString().Contains("is already in use", StringComparison.Ordinal);
            if (!portTaken || desktopPort is not null || cloudPort is not null || attempt == 3)
            {
                throw new InvalidOperationException($"waharoa serve did not start:\n{output}");
            }
        }
    }

    /// <summary>Starts <c>serve</c> and waits until it says it is running: the process, or null when it exited (or hung) first.</summary>
    private static async Task<(Process? Process, StringBuilder Output)> SpawnServerAsync(string dataDirectory, int desktop, int cloud, string[] extraArguments)
    {
        var output = new StringBuilder();
        string[] control = extraArguments.Contains("--control-port") ? [] : ["--control-port", "0"];
        var process = Spawn(output, ["serve", "--data", dataDirectory, "--desktop-port", desktop.ToString(), "--cloud-port", cloud.ToString(), .. control, .. extraArguments]);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            lock (output)
            {
                if (output.ToString().Contains("Waharoa is running.", StringComparison.Ordinal))
                {
                    return (process, output);
                }
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exit = process.HasExited ? process.ExitCode : -1;
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                process.Dispose();
                lock (output)
                {
                    output.Insert(0, $"(exit {exit})\n");
                }

                return (null, output);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Runs a CLI verb to completion and returns its exit code and output (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var output = new StringBuilder();
        using var process = Spawn(output, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"waharoa {string.Join(' ', arguments)} did not finish:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Kills the process with SIGKILL, as <c>kill -9</c> does: no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the executable with <paramref name="arguments"/>, its stdout and stderr lines into <paramref name="output"/>; the caller stops it.</summary>
    public static Process Spawn(StringBuilder output, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ExecutablePath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Dispose();
        return ValueTask.CompletedTask;
    }
}
