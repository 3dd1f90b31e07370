namespace Waharoa.Server.Coordination;

/// <summary>The topics of <see cref="ICoordinationBus"/>.</summary>
internal static class CoordinationTopics
{
    /// <summary>Tokens were revoked: the message is a token's jti, or <see cref="EveryToken"/>.</summary>
    public const string Revocations = "revocations";

    /// <summary>A message on <see cref="Revocations"/> that stands for any token (a grant, consent or client went).</summary>
    public const string EveryToken = "*";

    /// <summary>The signing keys in the store changed (rotated or retired).</summary>
    public const string SigningKeys = "signing-keys";

    /// <summary>The virtual clock was moved: re-read it from the store (the message is its offset, for people).</summary>
    public const string Clock = "clock";
}
