using System.Data.Common;

namespace Waharoa.Storage.Sql;

/// <summary>Binds a call's parameters, by name (<c>@name</c>, which both providers accept), a null as SQL NULL.</summary>
internal static class SqlParameters
{
    /// <summary>Gives <paramref name="command"/> the <paramref name="parameters"/> of this call.</summary>
    /// <remarks>
    /// A prepared command keeps its parameters from the last call: with the same names (from one call site they are),
    /// only the values change, and nothing is made anew.
    /// </remarks>
    public static void Bind(DbCommand command, (string Name, object? Value)[] parameters)
    {
        var bound = command.Parameters;
        if (!SameNames(bound, parameters))
        {
            bound.Clear();
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                bound.Add(parameter);
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            bound[i].Value = parameters[i].Value ?? DBNull.Value;
        }
    }

    private static bool SameNames(DbParameterCollection bound, (string Name, object? Value)[] parameters)
    {
        if (bound.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(bound[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
