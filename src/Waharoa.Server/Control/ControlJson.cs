using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waharoa.Server.Control;

/// <summary>How the control API writes and reads JSON: camelCase names, enums as strings, nulls left out, text unescaped where JSON allows.</summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = true,

        // Answers are application/json, never embedded in a page: '+' in a time offset stays '+', not \u002B.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The same on one line (a server-sent event's data).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
