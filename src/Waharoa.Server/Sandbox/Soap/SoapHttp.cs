using System.Text;
using Waharoa.Server.Gateway;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>The HTTP side of IR's SOAP services that is the same for each: method, unreadable requests, the contract files.</summary>
internal static class SoapHttp
{
    /// <summary>
    /// Reads a POSTed SOAP 1.2 request; answers anything else itself (the contract on GET, 405, and IR's non-XML answers
    /// for what is not a readable SOAP 1.2 envelope) and returns null.
    /// </summary>
    public static async Task<SoapRequest?> ReadOrAnswerAsync(HttpContext context, IReadOnlyList<string> paths, SoapContract contract)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await ServeContractAsync(context, paths, contract);
            return null;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await PlainAsync(context.Response, StatusCodes.Status405MethodNotAllowed, "POST SOAP 1.2 requests to this address; GET ?wsdl for the WSDL.", cancellationToken);
            return null;
        }

        var (soap, failure) = await SoapRequestReader.ReadAsync(context.Request, cancellationToken);
        if (soap is not null)
        {
            return soap;
        }

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
        return null;
    }

    /// <summary>GET: <c>?wsdl</c>, <c>?singleWsdl</c> and the XSDs beside them, with the address the caller used.</summary>
    private static async Task ServeContractAsync(HttpContext context, IReadOnlyList<string> paths, SoapContract contract)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var basePath = paths
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
            body = contract.SingleWsdlFor(address);
        }
        else if (rest.Length == 0 && request.Query.ContainsKey("wsdl"))
        {
            body = contract.WsdlFor(address);
        }
        else if (contract.SchemaFiles.FirstOrDefault(f => rest.Equals(f, StringComparison.OrdinalIgnoreCase)) is { } file)
        {
            body = contract.Text(file);
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
}
