namespace Waharoa.Security;

/// <summary>
/// Files and folders that hold secrets (the data folder, the database, keys, demo credentials): on Unix readable and
/// writable by their owner only, folders 0700 and files 0600, whether new or already there. Windows keeps its ACLs.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (and its parents) when missing and makes it 0700.</summary>
    public static void Folder(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FolderMode);
        }
    }

    /// <summary>Makes <paramref name="path"/> 0600 when it exists.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Creates <paramref name="path"/> empty and 0600 when it is missing (before another library writes it), else makes it 0600.</summary>
    public static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (!File.Exists(path))
        {
            using var created = Open(path, System.IO.FileMode.CreateNew);
        }

        Restrict(path);
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>, 0600.</summary>
    public static Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAllBytesAsync(path, System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, 0600.</summary>
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using (var stream = Open(path, System.IO.FileMode.Create))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }

        // An existing file keeps its mode when overwritten.
        Restrict(path);
    }

    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8) to a new file <paramref name="path"/>, 0600 from its creation; false (writing
    /// nothing) when the file already exists, so that of two processes racing to make it, one wins and both read its.
    /// </summary>
    public static bool TryCreateText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            using var stream = Open(path, System.IO.FileMode.CreateNew);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>, 0600, at once.</summary>
    public static void WriteAllText(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var stream = Open(path, System.IO.FileMode.Create))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        Restrict(path);
    }

    private static FileStream Open(string path, System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }
}
