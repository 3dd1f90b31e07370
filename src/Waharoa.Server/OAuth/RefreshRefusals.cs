using Waharoa.Calls;
using Waharoa.OAuth;
using Waharoa.Server.Calls;

namespace Waharoa.Server.OAuth;

/// <summary>What the call record says of a refused refresh or client authentication; read on refusal only, never on a success.</summary>
internal static class RefreshRefusals
{
    /// <summary>
    /// Notes why the refresh token <paramref name="value"/> was refused: expired, revoked, or (with single-use refresh tokens,
    /// START's) spent by an earlier refresh and presented again — the token was revoked on its own and its set went after.
    /// </summary>
    public static async Task NoteAsync(HttpContext context, IssuedTokens tokens, string value, bool singleUse, TimeProvider time)
    {
        var notes = context.CallNotes();
        var found = value.Length == 0 ? null : await tokens.FindAsync(value, context.RequestAborted);
        if (found is null)
        {
            notes.Reason = "The refresh token is not one Waharoa issued to this client.";
            return;
        }

        notes.Logon ??= found.Status.Grant.Logon;
        var status = found.Status;
        if (status.Token.ExpiresAt <= time.GetUtcNow())
        {
            notes.Flag(CallFlags.TokenExpired);
            notes.Reason = "The refresh token has expired.";
        }
        else if (singleUse && status.TokenRevokedAt is { } spent && (status.Grant.RevokedAt is null || status.Grant.RevokedAt >= spent))
        {
            notes.Flag(CallFlags.RefreshTokenReused);
            notes.Reason = "The refresh token was used before: a START refresh token is single-use, and its reuse revokes the whole token set.";
        }
        else if (status.TokenRevokedAt is not null || status.Grant.RevokedAt is not null)
        {
            notes.Flag(CallFlags.TokenRevoked);
            notes.Reason = "The refresh token has been revoked.";
        }
        else
        {
            notes.Reason = "The refresh token was refused: the user's consent to the client no longer holds.";
        }
    }
}

/// <summary>Plain words for a client authentication that failed.</summary>
internal static class ClientAuthenticationReasons
{
    public static string Of(ClientAuthenticationOutcome outcome) => outcome switch
    {
        ClientAuthenticationOutcome.Missing => "failed: no client credentials were sent",
        ClientAuthenticationOutcome.MalformedHeader => "failed: the Authorization header is not HTTP Basic client_id:client_secret",
        ClientAuthenticationOutcome.MissingSecret => "failed: a client_id was sent without its client_secret",
        ClientAuthenticationOutcome.UnknownClient => "failed: the client id is not registered, or an operator disabled the client",
        ClientAuthenticationOutcome.WrongSecret => "failed: the client secret is wrong",
        ClientAuthenticationOutcome.CertificateMismatch => "failed: the TLS client certificate is not the one enrolled for the client",
        _ => "was refused (" + outcome + ")",
    };
}
