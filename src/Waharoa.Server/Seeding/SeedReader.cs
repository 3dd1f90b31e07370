using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Waharoa.Server.Seeding;

/// <summary>Reads a seed file, YAML or JSON, into a <see cref="SeedDocument"/>; errors name the file and the place.</summary>
internal static partial class SeedReader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // A section or item left empty (YAML's 'users:' with nothing under it is null) is refused with its place, not read as null.
        RespectNullableAnnotations = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new LenientStringConverter() },
    };

    public static SeedDocument Read(string text, string source) => Read(Parse(text, source), source);

    private static JsonNode? Parse(string text, string source)
    {
        try
        {
            return LooksLikeJson(text) ? JsonNode.Parse(text) : YamlToJson(text);
        }
        catch (Exception ex) when (ex is JsonException or YamlException)
        {
            throw new SeedException($"{source}: not valid YAML or JSON: {ex.Message}", ex);
        }
    }

    private static SeedDocument Read(JsonNode? node, string source)
    {
        if (node is null)
        {
            return new SeedDocument();
        }

        if (EmptyItem(node) is { } place)
        {
            throw new SeedException($"{source}: an empty list item at {place} (remove the lone '-', or give the item)");
        }

        try
        {
            return node.Deserialize<SeedDocument>(Json) ?? new SeedDocument();
        }
        catch (JsonException ex)
        {
            throw new SeedException($"{source}: {ex.Message.Split(" Path:")[0]} (at {ex.Path})", ex);
        }
    }

    /// <summary>The path of the first list item that is empty (null), or null when there is none.</summary>
    private static string? EmptyItem(JsonNode? node) => node switch
    {
        JsonArray array => array.Select((item, i) => item is null ? $"{array.GetPath()}[{i}]" : EmptyItem(item)).FirstOrDefault(p => p is not null),
        JsonObject obj => obj.Select(p => EmptyItem(p.Value)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    /// <summary>
    /// The scenario rules of <paramref name="text"/>: a seed document's <c>scenarios:</c> section, or a bare list of rules
    /// (YAML or JSON, snake_case keys).
    /// </summary>
    public static IReadOnlyList<Scenarios.ScenarioDefinition> ReadScenarios(string text, string source)
    {
        var node = Parse(text, source);
        if (node is JsonArray)
        {
            try
            {
                return node.Deserialize<List<Scenarios.ScenarioDefinition>>(Json) ?? [];
            }
            catch (JsonException ex)
            {
                throw new SeedException($"{source}: {ex.Message.Split(" Path:")[0]} (at {ex.Path})", ex);
            }
        }

        return Read(node, source).Scenarios;
    }

    /// <summary>
    /// The line of <paramref name="text"/> a seed error points at (1 first): where the YAML or JSON went wrong, or the
    /// entry its path names (<c>customers[0].ird</c>), as far as the text has it; null when it cannot be told.
    /// </summary>
    public static int? LineOf(string text, SeedException error)
    {
        switch (error.InnerException)
        {
            case YamlException yaml:
                return (int)yaml.Start.Line;
            case JsonException { LineNumber: { } line } when error.Message.Contains("not valid YAML or JSON", StringComparison.Ordinal):
                return (int)line + 1;
        }

        var path = ErrorPath().Match(error.Message);
        if (!path.Success)
        {
            return null;
        }

        YamlNode node;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            node = stream.Documents[0].RootNode;
        }
        catch (Exception ex) when (ex is YamlException or ArgumentOutOfRangeException)
        {
            return null;
        }

        foreach (System.Text.RegularExpressions.Match step in PathStep().Matches(path.Groups["path"].Value))
        {
            YamlNode? next = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(step.Groups["key"].Value), out var value) ? value : null;
            if (next is not null && step.Groups["index"].Success)
            {
                var index = int.Parse(step.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                next = next is YamlSequenceNode list && index < list.Children.Count ? list.Children[index] : null;
            }

            if (next is null)
            {
                break;
            }

            node = next;
        }

        return (int)node.Start.Line;
    }

    [GeneratedRegex(@"(?:^[^:]*: |\(at \$\.)(?<path>[a-z_]+(?:\[\d+\])?(?:\.[A-Za-z_]+(?:\[\d+\])?)*)")]
    private static partial Regex ErrorPath();

    [GeneratedRegex(@"(?<key>[A-Za-z_]+)(?:\[(?<index>\d+)\])?")]
    private static partial Regex PathStep();

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[');
    }

    private static JsonNode? YamlToJson(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>YAML's core schema for plain scalars (true/false, null, numbers); a number with a leading zero stays a string, as IRD numbers must.</summary>
    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain => Plain(scalar.Value ?? string.Empty),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => null,
    };

    private static JsonNode? Plain(string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (Number().IsMatch(value))
        {
            // Parsed from the text itself, so a number is written back exactly as the seed spells it (0.0 stays 0.0).
            return JsonNode.Parse(value);
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]{0,17})(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex Number();

    /// <summary>Lets a text field be written as a plain number (an IRD number without quotes).</summary>
    private sealed class LenientStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException($"expected text, found {reader.TokenType}"),
        };

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

/// <summary>A seed file that cannot be applied; the message says where and why.</summary>
internal sealed class SeedException(string message, Exception? inner = null) : Exception(message, inner);
