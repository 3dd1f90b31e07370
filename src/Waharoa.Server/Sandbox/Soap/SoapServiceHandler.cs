using System.Xml.Linq;
using Waharoa.Server.Gateway;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>
/// One request to one of IR's SOAP services: the contract files on GET (<see cref="SoapHttp"/>); on POST, the SOAP 1.2
/// request in IR's order (well-formed XML, the gateway's verdict, the operation, the schema, the DSP's software platform,
/// then the operation itself), always answered in the operation's own response with a status code once the operation is
/// known.
/// </summary>
internal sealed partial class SoapServiceHandler<TOperation, TOutcome>(ISoapService<TOperation, TOutcome> service, IClientStore clients, ILogger logger)
    where TOperation : struct, Enum
{
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        if (await SoapHttp.ReadOrAnswerAsync(context, service.Paths, service.Contract) is not { } soap)
        {
            return;
        }

        var byAction = service.FromAction(soap.Action);
        var byBody = service.FromBodyElement(soap.Operation?.Name);
        if ((byAction ?? byBody) is not { } operation)
        {
            // Without an operation there is no response shape to carry a status code in.
            await SoapFault.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "Sender",
                $"Unrecognised XML request: neither the action '{soap.Action}' nor the body element '{soap.Operation?.Name}' names an operation of the {service.Name} service.",
                cancellationToken);
            return;
        }

        TOutcome outcome;
        try
        {
            outcome = await AnswerAsync(context.Request, soap, operation, byAction, byBody, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(logger, service.Name, operation.ToString(), e);
            outcome = service.UnknownError;
        }

        await service.WriteAsync(context.Response, operation, soap.Operation, outcome, cancellationToken);
    }

    private async Task<TOutcome> AnswerAsync(
        HttpRequest http, SoapRequest soap, TOperation operation, TOperation? byAction, TOperation? byBody, CancellationToken cancellationToken)
    {
        var call = SandboxCall.From(http);
        if (call.GatewayStatus is int code)
        {
            return service.GatewayRefusal(code);
        }

        if (ScenarioStatusOf(http) is int injected)
        {
            // An injected scenario's status: answered as the service answers that status itself, in the operation's response.
            return service.ScenarioStatus(injected);
        }

        if (call.Caller.IsAnonymous)
        {
            return service.UnauthorisedAccess;
        }

        if (byAction is null)
        {
            return service.Unrecognised(soap.Action is null
                ? "The request has no WS-Addressing Action header."
                : $"The action '{soap.Action}' is not an operation of this service.");
        }

        if (!Nullable.Equals(byBody, byAction))
        {
            return service.Unrecognised(
                $"The action '{soap.Action}' expects the body element {service.BodyElement(operation)}, not {soap.Operation?.Name.ToString() ?? "an empty body"}.");
        }

        if (service.ContractFor(soap.Operation!).Validate(soap.Operation!) is { } problem)
        {
            return service.FailedValidation(problem);
        }

        if (await RegisteredPlatformRefusesAsync(call, soap.Operation!, cancellationToken))
        {
            // The status the gateway gives a vendor it has not onboarded: nothing is run, so nothing is stored.
            return service.GatewayRefusal(UnauthorisedVendor);
        }

        return await service.ExecuteAsync(call, operation, soap.Operation!, cancellationToken);
    }

    private static int? ScenarioStatusOf(HttpRequest request) =>
        int.TryParse(request.Headers[GatewayHeaders.ScenarioStatus].ToString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    /// <summary>IR's standard status 5, "Unauthorised vendor": the vendor is not authorised to use the suite of services.</summary>
    private const int UnauthorisedVendor = 5;

    private static readonly XNamespace[] CommonNamespaces = ["urn:www.ird.govt.nz/GWS:types/Common.v1", "urn:www.ird.govt.nz/GWS:types/Common.v2"];

    /// <summary>
    /// True when the calling DSP client has software platform values registered (IR assigns them at onboarding) and the
    /// request's <c>softwareProviderData/softwarePlatform</c> is not one of them.
    /// </summary>
    private async Task<bool> RegisteredPlatformRefusesAsync(SandboxCall call, XElement operation, CancellationToken cancellationToken)
    {
        if (call.ClientId is not { } clientId || await clients.FindClientAsync(clientId, cancellationToken) is not { SoftwarePlatforms.Count: > 0 } client)
        {
            return false;
        }

        var platform = SoftwarePlatformOf(operation);
        if (client.AcceptsSoftwarePlatform(platform))
        {
            return false;
        }

        Log.UnregisteredPlatform(logger, service.Name, clientId);
        return true;
    }

    /// <summary>The payload header's software platform value (Common v1 or v2), or null when it names none.</summary>
    private static string? SoftwarePlatformOf(XElement operation)
    {
        foreach (var data in operation.Descendants())
        {
            if (data.Name.LocalName == "softwareProviderData" && CommonNamespaces.Contains(data.Name.Namespace))
            {
                return (string?)data.Element(data.Name.Namespace + "softwarePlatform");
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Error, "{Service} {Operation} failed unexpectedly")]
        public static partial void Failed(ILogger logger, string service, string operation, Exception exception);

        [LoggerMessage(4102, LogLevel.Information, "{Service} refused a request from client {ClientId}: its software platform is not one registered for the client (status 5)")]
        public static partial void UnregisteredPlatform(ILogger logger, string service, string clientId);
    }
}
