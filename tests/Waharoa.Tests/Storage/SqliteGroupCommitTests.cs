using Microsoft.Data.Sqlite;
using Waharoa.Employment;
using Waharoa.Grants;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>
/// The SQLite store commits concurrent writes together. These tests make writes queue behind a lock another
/// connection holds, so that they meet in one transaction, and check that each still stands or falls alone.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private string _folder = null!;
    private SqliteStore _store = null!;

    private string Database => Path.Combine(_folder, "waharoa.db");

    public Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("waharoa-group-commit-").FullName;
        _store = SqliteStore.Open(Database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Renew_OneWriteFailsAmongQueuedOnes_OnlyThatWriteIsUndone()
    {
        var grant = await NewGrantAsync();
        await AddTokensAsync(grant, Token("taken", grant));

        Task<bool>[] good;
        Task failing;
        await using (await SqliteWriteLock.HoldAsync(Database))
        {
            // The first write waits for the lock inside a transaction of its own; the rest queue behind it and go
            // into the next transaction together.
            var pilot = AddTokensAsync(grant, Token("pilot", grant));
            await Task.Delay(200);
            good = [.. Enumerable.Range(0, 5).Select(i => AddTokensAsync(grant, Token($"good-{i}", grant)).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default))];

            // Its first token is new, its second already exists: the first must not stay behind when the second fails.
            failing = AddTokensAsync(grant, Token("half", grant), Token("taken", grant));
            Assert.False(pilot.IsCompleted);
        }

        await Assert.ThrowsAsync<SqliteException>(() => failing);
        Assert.All(await Task.WhenAll(good), Assert.True);
        for (var i = 0; i < 5; i++)
        {
            Assert.NotNull(await _store.FindTokenAsync($"good-{i}", default));
        }

        Assert.NotNull(await _store.FindTokenAsync("pilot", default));
        Assert.Null(await _store.FindTokenAsync("half", default));
    }

    [Fact]
    public async Task Renew_SameTokenSpentManyTimesInOneBatch_OneWins()
    {
        var grant = await NewGrantAsync();
        await AddTokensAsync(grant, Token("refresh-0", grant, TokenKind.Refresh));

        Task<bool>[] renewals;
        await using (await SqliteWriteLock.HoldAsync(Database))
        {
            renewals = [.. Enumerable.Range(0, 8).Select(i =>
                _store.RenewAsync("refresh-0", Now, [Token($"refresh-next-{i}", grant, TokenKind.Refresh)], spend: true, default))];
            await Task.Delay(200);
            Assert.DoesNotContain(renewals, r => r.IsCompleted);
        }

        var won = await Task.WhenAll(renewals);
        Assert.Single(won, w => w);
        var winner = Array.IndexOf(won, true);
        for (var i = 0; i < won.Length; i++)
        {
            var next = await _store.FindTokenAsync($"refresh-next-{i}", default);
            Assert.Equal(i == winner, next is not null);
        }
    }

    /// <summary>
    /// A write that goes on after it returned (a ledger change of an EI return awaiting something else than the ledger)
    /// would use the writer's connection alongside the next batch: it fails, nothing of it stands, and the next write
    /// commits on a fresh connection.
    /// </summary>
    [Fact]
    public async Task FilePaydayReturn_LedgerChangeNotSynchronous_FailsWithNothingStored_AndTheNextWriteCommits()
    {
        var filed = new FiledReturn("123041607EMP002", "EI2", new(2026, 3, 31), "EI2", 4001, "SUB", false, "<formFields/>", Now, null, 0, new(2026, 3, 10), "h1");

        var failing = _store.FilePaydayReturnAsync(
            filed,
            Now.AddHours(-1),
            async (ledger, ct) =>
            {
                await Task.Delay(50, ct);
                await ledger.StartEmploymentAsync(
                    new EmploymentLine("late", "123041607EMP002", "123041607", "123074610", "Late Line", new EmployeeName(null, "Late", "Line", null), ["M"],
                        new(2026, 3, 1), null, null, [], true, Now, Now),
                    ct);
            },
            default);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => failing);
        await Task.Delay(200);
        Assert.Null(await _store.FindReturnByKeyAsync(4001, default));
        Assert.Empty(await _store.ListEmploymentLinesAsync("123041607EMP002", default));
        Assert.Equal(ReturnFiling.Filed, await _store.FilePaydayReturnAsync(filed with { SubmissionKey = 4002 }, Now.AddHours(-1), null, default));
        Assert.NotNull(await _store.FindReturnByKeyAsync(4002, default));
    }

    [Fact]
    public async Task Writes_WhileTheStoreStaysOpen_ReachTheDatabaseFileWithinSeconds()
    {
        var grant = await NewGrantAsync();
        await AddTokensAsync(grant, Token("checkpointed", grant));

        // immutable=1 reads the database file alone, never the write-ahead log: what it shows has been checkpointed.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!await InDatabaseFileSoFarAsync("checkpointed"))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the write-ahead log was not copied into the database file within 10 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ReplaceLink_ReplacementTakenAmongQueuedWrites_ChangesNothingWhileTheOthersStand()
    {
        var current = new ClientLink("L1", "136410132", "INC", true, false, LinkStatus.Approved);
        var taken = current with { AccountType = "GST" };
        await _store.AddLinkAsync(current, default);
        await _store.AddLinkAsync(taken, default);

        Task<bool> pilot, replaced, other;
        await using (await SqliteWriteLock.HoldAsync(Database))
        {
            pilot = _store.AddLinkAsync(current with { ListId = "L2" }, default);
            await Task.Delay(200);
            replaced = _store.ReplaceLinkAsync(current, taken with { Status = LinkStatus.Pending }, default);
            other = _store.AddLinkAsync(current with { ListId = "L3" }, default);
        }

        Assert.False(await replaced);
        Assert.True(await pilot);
        Assert.True(await other);
        Assert.Equal([current, taken], await _store.ListLinksAsync("L1", default));
        Assert.Single(await _store.ListLinksAsync("L3", default));
    }

    [Fact]
    public async Task Dispose_WithWritesQueued_CommitsThemThenRefusesMore()
    {
        var grant = await NewGrantAsync();
        Task queued;
        ValueTask disposing;
        await using (await SqliteWriteLock.HoldAsync(Database))
        {
            queued = AddTokensAsync(grant, Token("queued", grant));
            disposing = _store.DisposeAsync();
        }

        await disposing;
        await queued;
        await _store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => AddTokensAsync(grant, Token("late", grant)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.FindTokenAsync("queued", default));

        await using var reopened = SqliteStore.Open(Database);
        Assert.NotNull(await reopened.FindTokenAsync("queued", default));
    }

    private static IssuedToken Token(string jti, Grant grant, TokenKind kind = TokenKind.Access) =>
        new(jti, grant.GrantId, kind, Now, Now.AddHours(1));

    /// <summary>A grant holding one active token, <c>anchor-</c> and the grant's ID, to renew from.</summary>
    private async Task<Grant> NewGrantAsync()
    {
        var code = new AuthorizationCode($"code-{Guid.NewGuid():N}", "client-a", "alice", "https://app.example/callback", "MYIR.Services", Now, Now.AddMinutes(5));
        await _store.AddCodeAsync(code, default);
        var grant = new Grant($"grant-{Guid.NewGuid():N}", code.ClientId, code.Logon, code.Scope, GatewayEndpoint.Cloud, Now, null);
        var use = await _store.UseCodeAsync(code.CodeId, Now, grant, [Token($"anchor-{grant.GrantId}", grant)], default);
        Assert.Equal(CodeUseOutcome.Redeemed, use.Outcome);
        return grant;
    }

    /// <summary>Stores more tokens in <paramref name="grant"/>, renewing with its anchor token without spending it.</summary>
    private async Task AddTokensAsync(Grant grant, params IssuedToken[] tokens) =>
        Assert.True(await _store.RenewAsync($"anchor-{grant.GrantId}", Now, tokens, spend: false, default));

    /// <summary>Whether the database file holds the token yet; a read torn by a checkpoint writing the file counts as not yet.</summary>
    private async Task<bool> InDatabaseFileSoFarAsync(string jti)
    {
        try
        {
            return await InDatabaseFileAsync(jti);
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private async Task<bool> InDatabaseFileAsync(string jti)
    {
        var uri = new Uri(Database).AbsoluteUri + "?immutable=1";
        await using var connection = new SqliteConnection($"Data Source={uri};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name = 'tokens'";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return false; // not even the schema has been copied over yet
        }

        command.CommandText = "SELECT count(*) FROM tokens WHERE jti = $jti";
        command.Parameters.AddWithValue("$jti", jti);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
