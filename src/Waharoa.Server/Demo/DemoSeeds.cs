using Waharoa.Server.Seeding;

namespace Waharoa.Server.Demo;

/// <summary>The demo's sandbox data: the seed files embedded from <c>Demo/Seeds/</c>, which reproduce IR's mock test data.</summary>
internal static class DemoSeeds
{
    private const string Prefix = "Waharoa.Demo.Seeds.";

    /// <summary>The embedded seeds, by name, in name order.</summary>
    public static IEnumerable<(string Name, string Text)> All()
    {
        var assembly = typeof(DemoSeeds).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (resource[Prefix.Length..], reader.ReadToEnd());
        }
    }

    // The demo logons' passwords are published (README, demo.json), so one salted hash per password serves every
    // demo logon that shares it; a demo folder then starts without dozens of deliberately slow hashes.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PasswordHashes = new(StringComparer.Ordinal);

    public static async Task ApplyAsync(SeedLoader seeds, CancellationToken cancellationToken)
    {
        foreach (var (name, text) in All())
        {
            await seeds.ApplyAsync(text, "demo seed " + name, AppContext.BaseDirectory, cancellationToken,
                password => PasswordHashes.GetOrAdd(password, Users.UserPasswordHasher.Hash));
        }
    }
}
