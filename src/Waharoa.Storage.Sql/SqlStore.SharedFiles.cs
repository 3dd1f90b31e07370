namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    /// <remarks>The prefix is compared as it is: <c>%</c> and <c>_</c> are no wildcards.</remarks>
    public Task<IReadOnlyList<SharedFile>> ListSharedFilesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ListAsync(
            "SELECT name, content, created_at FROM shared_files WHERE substr(name, 1, length(@prefix)) = @prefix ORDER BY name",
            r => new SharedFile(r.GetString(0), OpenSharedFile(r.GetString(0), r.GetFieldValue<byte[]>(1)), Time(r, 2)),
            cancellationToken,
            ("@prefix", prefix));
    }

    /// <inheritdoc />
    public async Task<bool> AddSharedFileAsync(SharedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return await AddSharedFilesAsync([file], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public Task<int> AddSharedFilesAsync(IReadOnlyList<SharedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return WriteAsync(
            async (s, ct) =>
            {
                var stored = 0;
                foreach (var file in files)
                {
                    stored += await s.ExecuteAsync(
                        "INSERT INTO shared_files (name, content, created_at) VALUES (@name, @content, @created) ON CONFLICT (name) DO NOTHING",
                        ct,
                        ("@name", file.Name),
                        ("@content", SealSharedFile(file)),
                        ("@created", UnixMs(file.CreatedAt))).ConfigureAwait(false);
                }

                return stored;
            },
            cancellationToken);
    }
}
