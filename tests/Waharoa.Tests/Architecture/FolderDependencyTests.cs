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
