using Waharoa.Server.Calls;
using Waharoa.Clients;
using Waharoa.Server.OAuth;

namespace Waharoa.Server.Start;

/// <summary>
/// The first steps of every START POST: Content-Length (IR requires it), the form (body only), the client's
/// credentials; a failure is answered with START's error for that endpoint.
/// </summary>
internal sealed partial class StartRequests(ClientAuthenticator authenticator, StartOptions options, OAuthOptions oauth, ILogger<StartRequests> logger)
{
    public async Task<(IFormCollection? Form, DspClient? Client, StartError? Refusal)> ReadAsync(HttpContext context, StartApi api)
    {
        if (options.RequireContentLength && context.Request.ContentLength is null)
        {
            return (null, null, StartErrors.ContentLengthRequired);
        }

        var (outcome, form) = await TokenRequestForm.ReadAsync(context, oauth.MaxTokenRequestBytes);
        switch (outcome)
        {
            case FormReadOutcome.TooLarge:
                return (null, null, StartErrors.BodyTooLarge(oauth.MaxTokenRequestBytes));
            case FormReadOutcome.Malformed:
            case FormReadOutcome.ClientGone: // the request is aborted: this answer goes nowhere
                return (null, null, StartErrors.MalformedBody);
            case FormReadOutcome.WrongContentType:
                // Not a form: as if no parameter had been sent, so the missing-parameter errors say what is needed.
                form = FormCollection.Empty;
                break;
        }

        var (authentication, client) = await authenticator.AuthenticateAsync(context, form, allowFormCredentials: true);
        if (authentication == ClientAuthenticationOutcome.Authenticated)
        {
            return (form, client, null);
        }

        Log.ClientRejected(logger, api.ToString(), authentication.ToString());
        context.CallNotes().Reason = $"Client authentication {ClientAuthenticationReasons.Of(authentication)}.";
        return (null, null, StartErrors.ForClientAuthentication(api, authentication));
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "START {Api} request refused: client authentication {Outcome}")]
        public static partial void ClientRejected(ILogger logger, string api, string outcome);
    }
}
