using System.Text;
using Waharoa.Server.Gateway;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// One request to the Intermediation service: the contract files on GET; on POST, the SOAP 1.2 request in IR's order
/// (well-formed XML, the gateway's verdict, the operation, the schema, then the operation itself), always answered in
/// the operation's own response with a status code once the operation is known.
/// </summary>
internal sealed partial class IntermediationHandler(IntermediationService service, ILogger<IntermediationHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await ServeContractAsync(context);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await PlainAsync(context.Response, StatusCodes.Status405MethodNotAllowed, "POST SOAP 1.2 requests to this address; GET ?wsdl for the WSDL.", cancellationToken);
            return;
        }

        var (soap, failure) = await SoapRequestReader.ReadAsync(context.Request, cancellationToken);
        if (soap is null)
        {
            var (status, text) = failure switch
            {
                SoapReadFailure.TooLarge => (StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {SoapRequestReader.MaxBodyBytes} bytes."),
                SoapReadFailure.WrongMediaType => (StatusCodes.Status415UnsupportedMediaType,
                    $"Cannot process the message because the content type '{context.Request.ContentType}' was not the expected type '{SoapFault.ContentType}'."),
                SoapReadFailure.NotXml => (StatusCodes.Status400BadRequest, "The request is not well-formed XML, or carries a DTD, which SOAP 1.2 forbids."),
                SoapReadFailure.TooDeep => (StatusCodes.Status400BadRequest, $"The request's elements are nested deeper than {SoapRequestReader.MaxDepth} levels."),
                _ => (StatusCodes.Status400BadRequest, "The request is not a SOAP 1.2 envelope (http://www.w3.org/2003/05/soap-envelope) with one Body."),
            };
            await PlainAsync(context.Response, status, text, cancellationToken);
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

    private static async Task ServeContractAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var basePath = IntermediationEndpoints.Paths
            .Select(p => p.TrimEnd('/'))
            .Where(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            .Select(p => path[..p.Length] + "/")
            .First();
        var rest = path.Length > basePath.Length ? path[basePath.Length..] : string.Empty;
        var host = request.Headers["X-Forwarded-Host"].FirstOrDefault() ?? request.Host.Value;
        var scheme = request.Headers["X-Forwarded-Proto"].FirstOrDefault() ?? request.Scheme;
        var address = $"{scheme}://{host}{basePath}";

        string? body = null;
        if (rest.Length == 0 && request.Query.ContainsKey("singleWsdl"))
        {
            body = IntermediationSchemas.SingleWsdlFor(address);
        }
        else if (rest.Length == 0 && request.Query.ContainsKey("wsdl"))
        {
            body = IntermediationSchemas.WsdlFor(address);
        }
        else if (rest.Equals(IntermediationSchemas.IntermediationFile, StringComparison.OrdinalIgnoreCase))
        {
            body = IntermediationSchemas.Text(IntermediationSchemas.IntermediationFile);
        }
        else if (rest.Equals(IntermediationSchemas.CommonFile, StringComparison.OrdinalIgnoreCase))
        {
            body = IntermediationSchemas.Text(IntermediationSchemas.CommonFile);
        }

        if (body is null)
        {
            await PlainAsync(context.Response, StatusCodes.Status404NotFound,
                $"Not found. The WSDL is at {address}?wsdl (or ?singleWsdl); SOAP 1.2 requests are POSTed to {address}.", context.RequestAborted);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static async Task PlainAsync(HttpResponse response, int status, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Error, "Intermediation {Operation} failed unexpectedly")]
        public static partial void Failed(ILogger logger, string operation, Exception exception);
    }
}
