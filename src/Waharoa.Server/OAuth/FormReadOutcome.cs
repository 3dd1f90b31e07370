namespace Waharoa.Server.OAuth;

/// <summary>Why a token request's form could not be read.</summary>
internal enum FormReadOutcome
{
    /// <summary>The form was read.</summary>
    Read,

    /// <summary>The Content-Type is not <c>application/x-www-form-urlencoded</c>.</summary>
    WrongContentType,

    /// <summary>The body is larger than the limit.</summary>
    TooLarge,

    /// <summary>The body is not a valid form.</summary>
    Malformed,

    /// <summary>The client went away before its body was read; the request has been aborted and wants no answer.</summary>
    ClientGone,
}
