using System.Text.Json;
using Waharoa.Server.Data;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>control.json</c> in the data folder: where the running server's control API listens, for the CLI's control verbs
/// (written at each start; the credential stays in <c>keys/operator.key</c>).
/// </summary>
public static class ControlFile
{
    public static string PathIn(DataFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Path.Combine(folder.Root, "control.json");
    }

    public static async Task WriteAsync(DataFolder folder, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var json = JsonSerializer.Serialize(new ControlFileContent(url.ToString().TrimEnd('/')), ControlJson.Options);
        await File.WriteAllTextAsync(PathIn(folder), json, cancellationToken);
    }

    /// <summary>The control API's address the data folder names, or null when no server wrote one.</summary>
    public static Uri? Read(DataFolder folder)
    {
        var path = PathIn(folder);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ControlFileContent>(File.ReadAllText(path), ControlJson.Options) is { Url: { } url } ? new Uri(url) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ControlFileContent(string Url);
}
