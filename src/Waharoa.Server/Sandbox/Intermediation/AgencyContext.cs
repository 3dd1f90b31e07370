using Waharoa.Sandbox;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>The business intermediary a request names, the caller's standing in it, and its client lists.</summary>
internal sealed record AgencyContext(Customer Agency, AgencyStaff Staff, IReadOnlyList<ClientList> Lists)
{
    /// <summary>Owner and administrator logons are told more (105, 108) than users, who get 103 (build pack §5.2).</summary>
    public bool SeesListErrors => Staff.Role is AgencyRole.Owner or AgencyRole.Administrator;

    public bool CanSee(ClientList list) => Staff.AccessTo(list.ListId) != AccessLevel.None;
}
