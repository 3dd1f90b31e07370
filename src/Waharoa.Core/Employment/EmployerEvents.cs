namespace Waharoa.Employment;

/// <summary>IR's employer events as Employment.v2.xsd defines them: the event types and an event's fields in order.</summary>
public static class EmployerEvents
{
    /// <summary>The event types (Employment.v2.xsd's <c>EventType</c>).</summary>
    public static IReadOnlySet<string> Types { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "CSDEDC", "CSDEDE", "CSDEDS", "ICIDEN", "INCTAXCHG", "KSCTRINC", "KSDEDINC", "KSECNOTC", "KSECNOTR", "RDESTART", "RDRCNL", "RDREND",
        "SDRSTART", "SLCEDAMD", "STOPALLKS", "STOPSLCED", "STRTALLKS", "STRTKSDED", "STRTNNR", "STRTSLCED", "TAXCODECHG",
    };

    /// <summary>An event's fields in the schema's order (<c>Event</c>).</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "eventID", "type", "payDate", "employeeIRD", "employeeName", "startDate", "stopDate", "reason", "currentDeductionRate", "expectedDeductionRate",
        "currentAmount", "expectedAmount", "currentTaxCode", "expectedTaxCode", "frequency", "created",
    ];
}
