namespace Waharoa.Tests;

/// <summary>Finds IR's documents in the repository's own <c>spec/</c> folder, whose samples and schemas the tests replay.</summary>
internal static class SpecFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "spec", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Waharoa.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Waharoa.slnx) above " + AppContext.BaseDirectory);
    }
}
