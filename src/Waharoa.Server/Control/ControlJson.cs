using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waharoa.Server.Control;

/// <summary>How the control API writes and reads JSON: camelCase names, enums as strings, nulls left out.</summary>
internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        WriteIndented = true,
    };
}
