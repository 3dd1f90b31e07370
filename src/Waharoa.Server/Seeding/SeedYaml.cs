using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Waharoa.Server.Seeding;

/// <summary>
/// Writes a <see cref="SeedDocument"/> as YAML that <see cref="SeedReader"/> reads back to the same document: snake_case
/// keys, a value left out where it is the default, text quoted wherever YAML could read it as anything else (IRD numbers,
/// dates, <c>true</c>), numbers exactly as they are kept (<c>0.0</c> stays <c>0.0</c>).
/// </summary>
internal static partial class SeedYaml
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutDefaults } },
    };

    private static readonly HashSet<string> Reserved = new(["true", "false", "null", "yes", "no", "on", "off", "y", "n"], StringComparer.OrdinalIgnoreCase);

    public static string Write(SeedDocument seed)
    {
        var text = new StringBuilder();
        WriteMapping(text, JsonSerializer.SerializeToNode(seed, Json)!.AsObject(), 0, firstPrefix: null);
        return text.ToString();
    }

    /// <summary>Leaves out a property whose value is its type's default (a new instance's), null or empty.</summary>
    private static void LeaveOutDefaults(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.CreateObject is null || info.Type.Namespace?.StartsWith("Waharoa", StringComparison.Ordinal) != true)
        {
            return;
        }

        var defaults = info.CreateObject();
        foreach (var property in info.Properties)
        {
            if (property.Get is not { } get)
            {
                continue;
            }

            var standard = get(defaults);
            property.ShouldSerialize = (_, value) => value switch
            {
                null => false,
                JsonNode => true,
                ICollection collection => collection.Count > 0,
                _ => !Equals(value, standard),
            };
        }
    }

    private static void WriteMapping(StringBuilder text, JsonObject map, int indent, string? firstPrefix)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            text.Append(first && firstPrefix is not null ? firstPrefix : new string(' ', indent));
            first = false;
            text.Append(Key(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    /// <summary>The value of a key (or sequence entry) after its colon (or dash): inline when it is a scalar or short list.</summary>
    private static void WriteValue(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: 0 }:
                text.Append(" {}\n");
                break;
            case JsonObject map:
                text.Append('\n');
                WriteMapping(text, map, indent + 2, firstPrefix: null);
                break;
            case JsonArray list when list.All(item => item is null or JsonValue):
                text.Append(" [").AppendJoin(", ", list.Select(Scalar)).Append("]\n");
                break;
            case JsonArray list:
                text.Append('\n');
                WriteSequence(text, list, indent + 2);
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteSequence(StringBuilder text, JsonArray list, int indent)
    {
        var dash = new string(' ', indent) + "- ";
        foreach (var item in list)
        {
            if (item is JsonObject { Count: > 0 } map)
            {
                WriteMapping(text, map, indent + 2, firstPrefix: dash);
            }
            else if (item is JsonArray { Count: > 0 } inner && !inner.All(i => i is null or JsonValue))
            {
                text.Append(dash.TrimEnd()).Append('\n');
                WriteSequence(text, inner, indent + 2);
            }
            else
            {
                text.Append(dash.TrimEnd());
                WriteValue(text, item, indent);
            }
        }
    }

    private static string Key(string key) => PlainKey().IsMatch(key) ? key : Quoted(key);

    private static string Scalar(JsonNode? value)
    {
        if (value is null)
        {
            return "null";
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String when value.GetValue<string>() is var s && PlainText().IsMatch(s) && !Reserved.Contains(s) => s,
            JsonValueKind.String => Quoted(value.GetValue<string>()),
            _ => value.ToJsonString(Json),
        };
    }

    /// <summary>A YAML double-quoted scalar: JSON's escapes are YAML's.</summary>
    private static string Quoted(string text) => JsonSerializer.Serialize(text, Json);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex PlainKey();

    /// <summary>Text YAML reads back as the same text when written plain.</summary>
    [GeneratedRegex(@"^[A-Za-z_](?:[A-Za-z0-9_.\-/ ]*[A-Za-z0-9_.\-/])?$")]
    private static partial Regex PlainText();
}
