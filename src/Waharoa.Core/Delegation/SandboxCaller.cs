namespace Waharoa.Delegation;

/// <summary>Who is calling a sandbox service: a myIR logon, or (M2M without <c>startLogon</c>) the DSP's own customer.</summary>
/// <param name="Logon">The myIR logon the call acts as, or null.</param>
/// <param name="CustomerIrd">The customer an M2M call acts as when it names no logon, or null.</param>
public sealed record SandboxCaller(string? Logon, string? CustomerIrd)
{
    /// <summary>True when the call acts for nobody the sandbox knows.</summary>
    public bool IsAnonymous => Logon is null && CustomerIrd is null;
}
