using Waharoa.Server.Gateway;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// One request to the Intermediation service: the contract files on GET (<see cref="SoapHttp"/>); on POST, the SOAP 1.2 request in IR's order
/// (well-formed XML, the gateway's verdict, the operation, the schema, then the operation itself), always answered in
/// the operation's own response with a status code once the operation is known.
/// </summary>
internal sealed partial class IntermediationHandler(IntermediationService service, ILogger<IntermediationHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await SoapHttp.ReadOrAnswerAsync(context, IntermediationEndpoints.Paths, IntermediationSchemas.Contract) is not { } soap)
        {
            return;
        }

        var byAction = IntermediationContract.FromAction(soap.Action);
        var byBody = IntermediationContract.FromBodyElement(soap.Operation?.Name);
        if ((byAction ?? byBody) is not { } operation)
        {
            // Without an operation there is no response shape to carry a status code in.
            await SoapFault.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "Sender",
                $"Unrecognised XML request: neither the action '{soap.Action}' nor the body element '{soap.Operation?.Name}' names an Intermediation operation.",
                cancellationToken);
            return;
        }

        IntermediationOutcome outcome;
        try
        {
            outcome = await AnswerAsync(context.Request, soap, operation, byAction, byBody, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(logger, operation.ToString(), e);
            outcome = IntermediationStatus.UnknownError;
        }

        await IntermediationResponseWriter.WriteAsync(context.Response, operation, outcome, cancellationToken);
    }

    private async Task<IntermediationOutcome> AnswerAsync(
        HttpRequest http, SoapRequest soap, IntermediationOperation operation, IntermediationOperation? byAction, IntermediationOperation? byBody, CancellationToken cancellationToken)
    {
        var call = SandboxCall.From(http);
        if (call.GatewayStatus is int code)
        {
            return IntermediationStatus.FromGateway(code) ?? IntermediationStatus.UnknownError;
        }

        if (call.Caller.IsAnonymous)
        {
            // An M2M call naming no logon, from a DSP that is no customer: nobody to authorise.
            return IntermediationStatus.UnauthorisedAccess;
        }

        if (byAction is null)
        {
            return IntermediationStatus.UnrecognisedRequest.Describe(soap.Action is null
                ? "The request has no WS-Addressing Action header."
                : $"The action '{soap.Action}' is not an operation of this service.");
        }

        if (byBody != byAction)
        {
            return IntermediationStatus.UnrecognisedRequest.Describe(
                $"The action '{soap.Action}' expects the body element {IntermediationContract.BodyElement(operation)}, not {soap.Operation?.Name.ToString() ?? "an empty body"}.");
        }

        if (IntermediationSchemas.Validate(soap.Operation!) is { } problem)
        {
            return IntermediationStatus.FailedValidation.Describe(problem);
        }

        var request = IntermediationRequest.Read(operation, soap.Operation!);
        return request is null ? IntermediationStatus.CouldNotExtract : await service.ExecuteAsync(call.Caller, request, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Error, "Intermediation {Operation} failed unexpectedly")]
        public static partial void Failed(ILogger logger, string operation, Exception exception);
    }
}
