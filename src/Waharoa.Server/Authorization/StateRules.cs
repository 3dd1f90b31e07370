using System.Buffers;

namespace Waharoa.Server.Authorization;

/// <summary>
/// IR's rules for the <c>state</c> parameter: fewer than 200 characters, drawn from
/// a-z, A-Z, 0-9 and <c>- . ? , : ' / \ + = $ # _</c> (no space, <c>~ ! &amp; %</c>).
/// </summary>
public static class StateRules
{
    /// <summary>The length a state must stay below.</summary>
    public const int MaxLengthExclusive = 200;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.?,:'/\\+=$#_");

    /// <summary>True when <paramref name="state"/> obeys IR's rules.</summary>
    public static bool IsValid(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Length < MaxLengthExclusive && !state.AsSpan().ContainsAnyExcept(Allowed);
    }
}
