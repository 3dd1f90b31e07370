using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Waharoa.Server.Administration;
using Waharoa.Server.Scenarios;
using Waharoa.Server.Seeding;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/data/…</c>: the test data the sandbox services run on (users, customers and accounts, delegations, agencies,
/// client lists and links), one record edited in the shape a seed file gives it, a seed loaded, the whole exported as a seed.
/// </summary>
internal static class DataControl
{
    private const string Yaml = "application/yaml";

    // A record's body: the control API's camelCase, and a name it does not know is a mistake, not something to pass over.
    private static readonly JsonSerializerOptions RecordJson = new(ControlJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, RespectNullableAnnotations = true };

    internal static RouteGroupBuilder MapDataControl(this RouteGroupBuilder group)
    {
        var data = group.MapGroup("/data");

        data.MapGet("/users", async (IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            Results.Json(await Core(store, time).ListUsersAsync(ct), ControlJson.Options))
            .WithName("ListUsers")
            .WithSummary("Every logon: whether it is a myIR user who can sign in, and what it owns, was given and works for.")
            .Produces<List<UserView>>();

        data.MapPost("/users", async (HttpContext context, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Handle(context, async (UserPost body) =>
            {
                var added = await Core(store, time).AddUserAsync(body.Logon, body.Password, ct);
                return added.Added
                    ? Results.Json(new UserAnswer(added.Logon, added.Generated ? added.Password : null), ControlJson.Options, statusCode: StatusCodes.Status201Created)
                    : ControlApi.Error(StatusCodes.Status409Conflict, "user_exists", $"A user with logon '{added.Logon}' already exists.");
            }))
            .WithName("AddUser")
            .WithSummary("Adds a myIR user; without a password, a new random one is made and shown in this answer only.")
            .Accepts<UserPost>("application/json")
            .Produces<UserAnswer>(StatusCodes.Status201Created)
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status409Conflict);

        data.MapPut("/users/{logon}/password", async (string logon, HttpContext context, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Handle(context, async (PasswordPut body) =>
                await Core(store, time).SetPasswordAsync(logon, body.Password, ct) ? Results.NoContent() : NotFound("user", logon)))
            .WithName("SetUserPassword")
            .WithSummary("Replaces a myIR user's password.")
            .Accepts<PasswordPut>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        data.MapDelete("/users/{logon}", async (string logon, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Core(store, time).RemoveUserAsync(logon, ct) ? Results.NoContent() : NotFound("user", logon))
            .WithName("RemoveUser")
            .WithSummary("Removes a logon: its myIR user and what it owns, was given and works for.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        data.MapGet("/customers", async (IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            Results.Json(await Core(store, time).ListCustomersAsync(ct), ControlJson.Options))
            .WithName("ListCustomers")
            .WithSummary("Every customer with its accounts.")
            .Produces<List<CustomerView>>();

        data.MapPut("/customers/{ird}", async (string ird, HttpContext context, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Handle(context, async (SeedCustomer body) => Results.Json(await Core(store, time).PutCustomerAsync(ird, body, ct), ControlJson.Options)))
            .WithName("PutCustomer")
            .WithSummary("Adds or replaces a customer, and the accounts given (as a seed file's customers entry, camelCase); accounts not given stay.")
            .Accepts<SeedCustomer>("application/json")
            .Produces<CustomerView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest);

        data.MapGet("/delegations", async (IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            Results.Json(await Core(store, time).ListDelegationsAsync(ct), ControlJson.Options))
            .WithName("ListDelegations")
            .WithSummary("Who may act for which customer: owners (access Owner) and delegations (None, View, File, Full).")
            .Produces<List<DelegationView>>();

        data.MapPut("/delegations/{logon}/{customer}", async (string logon, string customer, HttpContext context, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Handle(context, async (DelegationPut body) => Results.Json(await Core(store, time).PutDelegationAsync(logon, customer, body.Access, ct), ControlJson.Options)))
            .WithName("PutDelegation")
            .WithSummary("Makes a logon the customer's owner (access Owner) or gives it an access level (None, View, File, Full).")
            .Accepts<DelegationPut>("application/json")
            .Produces<DelegationView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest);

        data.MapDelete("/delegations/{logon}/{customer}", async (string logon, string customer, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Core(store, time).RemoveDelegationAsync(logon, customer, ct) ? Results.NoContent() : NotFound("delegation", $"{logon}/{customer}"))
            .WithName("RemoveDelegation")
            .WithSummary("Takes away a logon's ownership of, or delegated access to, a customer.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        data.MapGet("/agencies", async (IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            Results.Json(await Core(store, time).ListAgenciesAsync(ct), ControlJson.Options))
            .WithName("ListAgencies")
            .WithSummary("Every agency (intermediary), its staff and its client lists.")
            .Produces<List<AgencyView>>();

        data.MapPut("/agencies/{agency}/staff/{logon}", async (string agency, string logon, HttpContext context, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Handle(context, async (SeedAgencyRole body) => Results.Json(await Core(store, time).PutStaffAsync(agency, logon, body, ct), ControlJson.Options)))
            .WithName("PutAgencyStaff")
            .WithSummary("Makes a logon staff of an agency, or changes its role (Owner, Administrator, User, Restricted User), access and per-list access.")
            .Accepts<SeedAgencyRole>("application/json")
            .Produces<StaffView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest);

        data.MapDelete("/agencies/{agency}/staff/{logon}", async (string agency, string logon, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Core(store, time).RemoveStaffAsync(agency, logon, ct) ? Results.NoContent() : NotFound("staff member", $"{agency}/{logon}"))
            .WithName("RemoveAgencyStaff")
            .WithSummary("Removes a logon from an agency's staff.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        data.MapGet("/client-lists", async (IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            Results.Json(await Core(store, time).ListClientListsAsync(ct), ControlJson.Options))
            .WithName("ListClientLists")
            .WithSummary("Every client list and its links (an absent account: the customer master link).")
            .Produces<List<ClientListView>>();

        data.MapPut("/client-lists/{id}", async (string id, HttpContext context, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Handle(context, async (SeedClientList body) => Results.Json(await Core(store, time).PutClientListAsync(id, body, ct), ControlJson.Options)))
            .WithName("PutClientList")
            .WithSummary("Adds or replaces a client list, and the links given (as a seed file's client_lists entry, camelCase); links not given stay.")
            .Accepts<SeedClientList>("application/json")
            .Produces<ClientListView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest);

        data.MapDelete("/client-lists/{id}/links/{client}", async (string id, string client, string? account, IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            await Core(store, time).RemoveLinkAsync(id, client, account, ct) ? Results.NoContent() : NotFound("link", $"{id}/{client}{(account is null ? string.Empty : "/" + account)}"))
            .WithName("RemoveClientLink")
            .WithSummary("Removes a client's link from a list: ?account=GST an account link, none the customer master link.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        data.MapPost("/seed", async (string? source, string? folder, HttpContext context, IWaharoaStore store, TimeProvider time, ScenarioRules rules, Microsoft.Extensions.Hosting.IHostEnvironment environment, CancellationToken ct) =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var text = await reader.ReadToEndAsync(ct);
                try
                {
                    var loaded = await Core(store, time).LoadSeedAsync(text, string.IsNullOrWhiteSpace(source) ? "the seed" : source, string.IsNullOrWhiteSpace(folder) ? environment.ContentRootPath : Path.GetFullPath(folder), ct);
                    if (loaded.Applied && loaded.Scenarios > 0)
                    {
                        // The seed's rules act from the next call, on every instance.
                        await rules.ChangedAsync(ct);
                    }

                    return Results.Json(loaded, ControlJson.Options);
                }
                catch (SeedException e)
                {
                    return Results.Json(new SeedError("invalid_seed", e.Message, SeedReader.LineOf(text, e)), ControlJson.Options, statusCode: StatusCodes.Status400BadRequest);
                }
            })
            .WithName("LoadSeed")
            .WithSummary("Loads a seed file (YAML or JSON, as docs/seed-files.md describes): checked whole first, then applied, adding and replacing. "
                + "The same content twice is applied once (applied false). ?source=NAME names it in errors; ?folder=DIR is where its relative certificate paths resolve (default: the server's folder).")
            .Accepts<string>(Yaml, "text/plain", "application/json")
            .Produces<SeedLoaded>()
            .Produces<SeedError>(StatusCodes.Status400BadRequest);

        data.MapGet("/seed", async (IWaharoaStore store, TimeProvider time, CancellationToken ct) =>
            {
                var text = await Core(store, time).ExportAsync(ct);
                var name = "waharoa-seed-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".yaml";
                return Results.File(Encoding.UTF8.GetBytes(text), Yaml + "; charset=utf-8", name);
            })
            .WithName("ExportSeed")
            .WithSummary("The test data as a seed file (YAML): users with their password hashes, customers, accounts, returns, employees, "
                + "delegations, agencies, client lists and links, scenario rules. DSP clients are left out (their secrets are stored hashed).")
            .Produces<string>(StatusCodes.Status200OK, Yaml);

        return group;
    }

    private static TestDataAdministration Core(IWaharoaStore store, TimeProvider time) => new(store, time);

    /// <summary>Reads a JSON body and acts on it; a mistake in the body or the record is a 400 naming it.</summary>
    private static async Task<IResult> Handle<T>(HttpContext context, Func<T, Task<IResult>> act)
        where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, RecordJson, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body is not the JSON object expected: " + e.Message.Split(" Path:")[0]);
        }

        if (body is null)
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object.");
        }

        try
        {
            return await act(body);
        }
        catch (SeedException e)
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_record", e.Message);
        }
        catch (TestDataException e)
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, e.Error, e.Message);
        }
    }

    private static IResult NotFound(string what, string key) =>
        ControlApi.Error(StatusCodes.Status404NotFound, "not_found", $"There is no {what} '{key}'.");
}

/// <summary>A new user: <c>{"logon": "...", "password": "..."}</c> (password optional).</summary>
public sealed record UserPost(string? Logon, string? Password);

/// <summary>A user added: the password only when it was made up (shown this once).</summary>
public sealed record UserAnswer(string Logon, string? Password);

/// <summary>A new password: <c>{"password": "..."}</c>.</summary>
public sealed record PasswordPut(string? Password);

/// <summary>A logon's access to a customer: <c>{"access": "Owner"}</c> or None, View, File, Full.</summary>
public sealed record DelegationPut(string? Access);

/// <summary>A seed that cannot be loaded: the loader's message, and the line of the seed it points at (when it can be told).</summary>
public sealed record SeedError(string Error, string Message, int? Line);
