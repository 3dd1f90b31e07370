using Waharoa.Calls;

namespace Waharoa.Server.Calls;

/// <summary>
/// What the parts of the server learn about a call while answering it (who made it, what it asked, why it was refused, which
/// injected scenario answered, what the caller did wrong), noted on the request for the call record. Any part may write; the
/// recorder reads once the answer is sent. One request is served by one thread at a time, so no locking.
/// </summary>
public sealed class CallNotes
{
    private List<string>? _flags;

    /// <summary>The DSP client, once identified.</summary>
    public string? ClientId { get; set; }

    /// <summary>The service (gateway) or dialect (OAuth); see <see cref="RecordedCall.Service"/>.</summary>
    public string? Service { get; set; }

    /// <summary>The SOAP operation, REST resource or OAuth call; see <see cref="RecordedCall.Operation"/>.</summary>
    public string? Operation { get; set; }

    /// <summary>The OAuth grant type of a token call.</summary>
    public string? GrantType { get; set; }

    /// <summary><c>bearer</c> or <c>m2m</c> once the gateway authenticated the caller.</summary>
    public string? Authentication { get; set; }

    /// <summary>The myIR logon behind the call.</summary>
    public string? Logon { get; set; }

    /// <summary>The IRD number or customer the call is about.</summary>
    public string? IrdNumber { get; set; }

    /// <summary>Why the call was refused, in plain words (as logged).</summary>
    public string? Reason { get; set; }

    /// <summary>The injected scenario rule that answered or delayed the call.</summary>
    public string? Scenario { get; set; }

    /// <summary>IR's code in the answer when the part that answered knows it (else the recorder reads it from the body).</summary>
    public string? IrCode { get; set; }

    /// <summary>What was noticed of the caller's behaviour (<see cref="CallFlags"/>), each once.</summary>
    public IReadOnlyList<string> Flags => _flags ?? [];

    /// <summary>Notes <paramref name="flag"/> (a <see cref="CallFlags"/> constant) once.</summary>
    public void Flag(string flag)
    {
        _flags ??= [];
        if (!_flags.Contains(flag))
        {
            _flags.Add(flag);
        }
    }
}

/// <summary>The request's <see cref="CallNotes"/>.</summary>
public static class CallNotesExtensions
{
    /// <summary>The notes of this request, made on first use.</summary>
    public static CallNotes CallNotes(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notes = context.Features.Get<CallNotes>();
        if (notes is null)
        {
            notes = new CallNotes();
            context.Features.Set(notes);
        }

        return notes;
    }
}
