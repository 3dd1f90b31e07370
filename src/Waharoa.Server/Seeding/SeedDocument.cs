using System.Text.Json.Nodes;

namespace Waharoa.Server.Seeding;

/// <summary>A seed file: test data for the sandbox (YAML or JSON, snake_case keys). Every section is optional.</summary>
internal sealed class SeedDocument
{
    public List<SeedClient> Clients { get; set; } = [];

    public List<SeedUser> Users { get; set; } = [];

    public List<SeedCustomer> Customers { get; set; } = [];

    public List<SeedClientList> ClientLists { get; set; } = [];

    /// <summary>Scenario injection rules (see docs/scenarios.md), snake_case keys.</summary>
    public List<Scenarios.ScenarioDefinition> Scenarios { get; set; } = [];
}

internal sealed class SeedClient
{
    public string? ClientId { get; set; }

    public string? Name { get; set; }

    /// <summary><c>cloud</c> or <c>native</c>.</summary>
    public string? Kind { get; set; }

    public string? Secret { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    /// <summary>A PEM client certificate to enrol (cloud), relative to the seed file.</summary>
    public string? Certificate { get; set; }

    /// <summary>The Common Name a cloud client is enrolled by; default the CN of <see cref="Certificate"/>.</summary>
    public string? CommonName { get; set; }

    /// <summary>Accept only <see cref="Certificate"/> itself (its thumbprint), not any trusted certificate with its CN.</summary>
    public bool PinCertificate { get; set; }

    /// <summary>PEM certificates the DSP signs M2M JWTs with, relative to the seed file; none: its TLS certificate.</summary>
    public List<string> SigningCertificates { get; set; } = [];

    /// <summary>The web services the client is enrolled for; default every service.</summary>
    public List<string>? Services { get; set; }

    /// <summary>The DSP's own customer (IRD number): whom its M2M calls without <c>startLogon</c> act as.</summary>
    public string? Customer { get; set; }

    /// <summary>The software platform values IR assigned the DSP at onboarding; none: any platform is accepted.</summary>
    public List<string> SoftwarePlatforms { get; set; } = [];
}

internal sealed class SeedUser
{
    public string? Logon { get; set; }

    public string? Password { get; set; }

    /// <summary>The password as Waharoa stores it (hashed): what a seed export gives, the password itself not being known.</summary>
    public string? PasswordHash { get; set; }

    public List<string> Owns { get; set; } = [];

    public List<SeedDelegation> Delegations { get; set; } = [];

    public List<SeedAgencyRole> Agencies { get; set; } = [];
}

internal sealed class SeedDelegation
{
    public string? Customer { get; set; }

    public string Access { get; set; } = "View";
}

internal sealed class SeedAgencyRole
{
    public string? Agency { get; set; }

    public string Role { get; set; } = "User";

    public string Access { get; set; } = "Full";

    public Dictionary<string, string> Lists { get; set; } = [];
}

internal sealed class SeedCustomer
{
    public string? Ird { get; set; }

    public string? Name { get; set; }

    public string? Cst { get; set; }

    /// <summary>
    /// False to accept an IRD number that fails the modulus-11 check: IR's own sample data has one (512100301, behind
    /// customer identifier 1512100301).
    /// </summary>
    public bool IrdCheck { get; set; } = true;

    public bool Intermediary { get; set; }

    public bool TaxPreparer { get; set; }

    public List<SeedAccount> Accounts { get; set; } = [];
}

internal sealed class SeedAccount
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public bool Eligible { get; set; } = true;

    public JsonObject? Details { get; set; }

    /// <summary>The account's GST filing profile for the Return service (<see cref="Waharoa.Returns.GstProfile"/>'s settings).</summary>
    public JsonObject? Gst { get; set; }

    /// <summary>An employer (EMP) account's Employment Information profile (<see cref="Waharoa.Returns.EiProfile"/>'s settings).</summary>
    public JsonObject? Ei { get; set; }

    /// <summary>Returns filed for the account before the sandbox started.</summary>
    public List<SeedReturn> Returns { get; set; } = [];

    /// <summary>An EMP account's employment lines: its employees, as the Employment service would have started them.</summary>
    public List<SeedEmployee> Employees { get; set; } = [];

    /// <summary>An EMP account's events from IR (Event operation), each by IR's element names (<c>eventID</c> … <c>created</c>).</summary>
    public List<JsonObject> Events { get; set; } = [];
}

/// <summary>One employment line of an EMP account (an employee rehired has one entry per line).</summary>
internal sealed class SeedEmployee
{
    public string? Ird { get; set; }

    /// <summary>False to accept an employee IRD number that fails the modulus-11 check (some of IR's samples do).</summary>
    public bool IrdCheck { get; set; } = true;

    public SeedEmployeeName? Name { get; set; }

    /// <summary>IR's <c>employeeNameOnEILine</c>; default the first name and surname.</summary>
    public string? NameOnEiLine { get; set; }

    public List<string> TaxCodes { get; set; } = [];

    public string? Start { get; set; }

    public string? Finish { get; set; }

    public string? DateOfBirth { get; set; }

    /// <summary>The rest of what Create and Update carry, keyed as the Employment service keeps them (see docs/employment.md).</summary>
    public JsonObject? Details { get; set; }

    /// <summary>False for a line the employer invalidated (Update's <c>validRelationship</c> false).</summary>
    public bool Valid { get; set; } = true;
}

internal sealed class SeedEmployeeName
{
    public string? Title { get; set; }

    public string? First { get; set; }

    public string? Surname { get; set; }

    public string? Middle { get; set; }
}

internal sealed class SeedReturn
{
    public string? Period { get; set; }

    public string? Form { get; set; }

    /// <summary>An Employment Information return's pay day.</summary>
    public string? PayDay { get; set; }

    public string Status { get; set; } = "SUB";

    /// <summary>
    /// An Employment Information return's filing date (yyyy-MM-dd, not after today): IR's four-year time bar on amendments
    /// counts from it. Without it the return is never time-barred. Either way it is processed as filed on its pay day.
    /// </summary>
    public string? Filed { get; set; }

    public long? SubmissionKey { get; set; }

    public bool Nil { get; set; }

    /// <summary>The return's form fields: the XML of the return type's <c>formFields</c> element, as RetrieveReturn gives it back.</summary>
    public string? FormFields { get; set; }
}

internal sealed class SeedClientList
{
    public string? Id { get; set; }

    public string IdType { get; set; } = "LSTID";

    public string? Type { get; set; }

    public string? Agency { get; set; }

    public bool RefundAccount { get; set; }

    public List<SeedLink> Links { get; set; } = [];
}

internal sealed class SeedLink
{
    public string? Client { get; set; }

    public List<string> Accounts { get; set; } = [];

    public bool CustomerMaster { get; set; }

    public bool RedirectMail { get; set; }

    public bool RedirectDisbursements { get; set; }

    public string Status { get; set; } = "Approved";
}
