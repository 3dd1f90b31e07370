namespace Waharoa.Server.Gateway;

/// <summary>What an M2M JWT's <c>startLogon</c> must name.</summary>
public enum StartLogonRule
{
    /// <summary>A myIR logon that exists.</summary>
    Existing,

    /// <summary>A myIR logon that exists and has a relationship with the DSP's own customer.</summary>
    RelatedToTheDsp,
}
