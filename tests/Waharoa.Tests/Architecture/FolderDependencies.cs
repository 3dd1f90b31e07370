using System.Text.RegularExpressions;

namespace Waharoa.Tests.Architecture;

/// <summary>
/// Which top-level folders of a project's sources refer to which others: by <c>using</c>, by a fully qualified name,
/// or by a name qualified from the project's root namespace (<c>Observability.WaharoaMetrics</c>). Comments and string
/// literals are not read.
/// </summary>
internal static partial class FolderDependencies
{
    /// <summary>Folder → the sibling folders its files refer to, for the project in <paramref name="projectDirectory"/>.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> Of(string projectDirectory, string rootNamespace)
    {
        var folders = Directory.GetDirectories(projectDirectory)
            .Select(Path.GetFileName)
            .Where(name => name is not ("bin" or "obj"))
            .Cast<string>()
            .ToList();
        var graph = folders.ToDictionary(f => f, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(projectDirectory, folder), "*.cs", SearchOption.AllDirectories))
            {
                var code = Code(File.ReadAllText(file));
                foreach (var other in folders.Where(o => o != folder))
                {
                    var qualified = $"{rootNamespace}.{other}";
                    if (Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(qualified)}\b") || Regex.IsMatch(code, $@"(?<![\w.]){Regex.Escape(other)}\.[A-Z]"))
                    {
                        graph[folder].Add(other);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle among the folders (as A → B → … → A), or null when they form none.</summary>
    public static string? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return string.Join(" → ", path.SkipWhile(n => n != next).Append(next));
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    /// <summary>The source without comments and string literals (so prose that names a folder is no reference).</summary>
    private static string Code(string source) => Literals().Replace(source, match => match.Value.StartsWith('/') ? " " : "\"\"");

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""", RegexOptions.Singleline)]
    private static partial Regex Literals();
}
