namespace Waharoa.Tests.Architecture;

/// <summary>
/// The folders are the architecture: within each project, no two folders import each other, and no chain of imports
/// comes back to where it started; <c>Hosting</c> composes the server's features and no feature imports it.
/// </summary>
public sealed class FolderDependencyTests
{
    [Theory]
    [InlineData("Waharoa.Core", "Waharoa")]
    [InlineData("Waharoa.Server", "Waharoa.Server")]
    [InlineData("Waharoa.Server/Sandbox", "Waharoa.Server.Sandbox")]
    public void Folders_OfAProject_FormNoCycle(string project, string rootNamespace)
    {
        var graph = FolderDependencies.Of(Path.Combine(SpecFiles.RepositoryRoot, "src", project), rootNamespace);

        Assert.True(graph.Count > 1, $"No folders found in {project}.");
        Assert.Null(FolderDependencies.FindCycle(graph));
    }

    [Fact]
    public void Hosting_IsImportedByNoFeature()
    {
        var graph = FolderDependencies.Of(Path.Combine(SpecFiles.RepositoryRoot, "src", "Waharoa.Server"), "Waharoa.Server");

        Assert.Empty(graph.Where(folder => folder.Value.Contains("Hosting")).Select(folder => folder.Key));
    }

    /// <summary>A revocation made past the core's <c>Revocations</c> would not be announced to the other instances' caches.</summary>
    [Fact]
    public void RevocationStore_IsTakenOnlyByTheCoresRevocations()
    {
        var src = Path.Combine(SpecFiles.RepositoryRoot, "src");
        var allowed = new[] { "Waharoa.Core/Storage/", "Waharoa.Core/OAuth/Revocations.cs", "Waharoa.Storage." };

        var takers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(src, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !allowed.Any(a => f.StartsWith(a, StringComparison.Ordinal)))
            .Where(f => File.ReadAllText(Path.Combine(src, f)).Contains("IRevocationStore", StringComparison.Ordinal));

        Assert.Empty(takers);
    }

    [Fact]
    public void FindCycle_MutualImports_Named()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
            ["D"] = ["A"],
        };

        Assert.Equal("A → B → C → A", FolderDependencies.FindCycle(graph));
    }
}
