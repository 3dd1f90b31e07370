using System.Data.Common;
using System.Text.RegularExpressions;

namespace Waharoa.Storage.Sql;

/// <summary>
/// A statement run once for each row of a batch (<see cref="SqlSession.ExecuteEachAsync{T}"/>): a row's values are
/// added in the order the statement first names its parameters, then it is run. Binding by position spares the
/// per-name lookup and the parameter objects of a provider's command, which a batch of hundreds of rows a second pays
/// for on every value.
/// </summary>
internal abstract class SqlRowStatement : IDisposable
{
    /// <summary>The next value of the row, an integer.</summary>
    public abstract void Add(long value);

    /// <summary>The next value of the row, a text or SQL NULL.</summary>
    public abstract void Add(string? value);

    /// <summary>Runs the statement with the values added since it last ran; every parameter must have one.</summary>
    public abstract ValueTask RunAsync(DbTransaction? transaction, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>The error for a row whose values do not match the statement's parameters, a mistake in the caller.</summary>
    protected static InvalidOperationException WrongCount(int given, int expected) =>
        new($"The row gave {given} values for a statement of {expected} parameters.");
}

/// <summary>
/// <see cref="SqlRowStatement"/> over a provider's command, whose parameters it names from the statement's own text:
/// for a provider with no cheaper way in (PostgreSQL's round trip outweighs binding there).
/// </summary>
internal sealed partial class CommandRowStatement : SqlRowStatement
{
    private readonly DbCommand _command;
    private readonly bool _synchronous;
    private readonly bool _owned;
    private int _next;

    /// <param name="command">The statement's command, its text rendered.</param>
    /// <param name="synchronous">True to run it synchronously.</param>
    /// <param name="owned">True to dispose of the command with this statement (one not kept prepared by its session).</param>
    public CommandRowStatement(DbCommand command, bool synchronous, bool owned)
    {
        _command = command;
        _synchronous = synchronous;
        _owned = owned;
        var names = ParameterNames(command.CommandText);
        if (!SameNames(command.Parameters, names))
        {
            command.Parameters.Clear();
            foreach (var name in names)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }
    }

    /// <inheritdoc />
    public override void Add(long value) => _command.Parameters[_next++].Value = value;

    /// <inheritdoc />
    public override void Add(string? value) => _command.Parameters[_next++].Value = (object?)value ?? DBNull.Value;

    /// <inheritdoc />
    public override async ValueTask RunAsync(DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var given = _next;
        _next = 0;
        if (given != _command.Parameters.Count)
        {
            throw WrongCount(given, _command.Parameters.Count);
        }

        _command.Transaction = transaction;
        if (_synchronous)
        {
            _command.ExecuteNonQuery();
        }
        else
        {
            await _command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        if (_owned)
        {
            _command.Dispose();
        }
    }

    // Each @name once, in the order the statement first uses it.
    private static List<string> ParameterNames(string sql) =>
        [.. Parameter().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal)];

    private static bool SameNames(DbParameterCollection bound, List<string> names) =>
        bound.Count == names.Count && names.Select((name, i) => string.Equals(bound[i].ParameterName, name, StringComparison.Ordinal)).All(same => same);

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
