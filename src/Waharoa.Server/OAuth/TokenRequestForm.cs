using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Waharoa.Server.Errors;

namespace Waharoa.Server.OAuth;

/// <summary>Reads a form-encoded token request within a size limit, and finds parameters sent more than once.</summary>
internal static class TokenRequestForm
{
    public static async Task<(FormReadOutcome Outcome, IFormCollection? Form)> ReadAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (FormReadOutcome.WrongContentType, null);
        }

        if (request.ContentLength > maxBytes)
        {
            return (FormReadOutcome.TooLarge, null);
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        try
        {
            var form = await request.ReadFormAsync(new FormOptions { BufferBody = false, ValueCountLimit = 64, KeyLengthLimit = 256, ValueLengthLimit = maxBytes }, context.RequestAborted);
            return (FormReadOutcome.Read, form);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && ClientDisconnects.HasGone(context, ex))
        {
            // A read cancelled by RequestAborted (a FIN cancels it too) leaves Kestrel's body reader marked as reading.
            ClientDisconnects.Abort(context);
            return (FormReadOutcome.ClientGone, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (FormReadOutcome.TooLarge, null);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException or IOException or FormatException)
        {
            return (FormReadOutcome.Malformed, null);
        }
    }

    /// <summary>The first parameter, in the order given, that appears more than once; null when none does.</summary>
    public static string? FirstRepeated(IFormCollection form)
    {
        foreach (var pair in form)
        {
            if (pair.Value.Count > 1)
            {
                return pair.Key;
            }
        }

        return null;
    }
}
