namespace Waharoa.Employment;

/// <summary>The ledger's answer to a change of employment lines.</summary>
public enum EmploymentWrite
{
    /// <summary>Stored.</summary>
    Done,

    /// <summary>Nothing stored: there is no such line.</summary>
    NotFound,

    /// <summary>Nothing stored: the dates overlap one other valid line of the same employee with the same account.</summary>
    Overlaps,

    /// <summary>Nothing stored: the dates overlap several other valid lines of that employee with that account.</summary>
    OverlapsSeveral,
}
