using System.Globalization;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Waharoa.Tests.AccountApi;

/// <summary>
/// Checks a response against IR's OpenAPI file (Account 2021-09-14.yaml): types, required properties, enums and
/// lengths, and no property the file does not define.
/// </summary>
internal static class AccountApiSchema
{
    private static readonly Lazy<YamlMappingNode> Definitions = new(() =>
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(SpecFiles.Path("ir-account-api", "Account 2021-09-14.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["definitions"];
    });

    public static void AssertAccountResponse(JsonElement body) => AssertConforms("account_POST_Response200", body);

    public static void AssertListResponse(JsonElement body) => AssertConforms("list_POST_Response200", body);

    public static void AssertConforms(string definition, JsonElement body)
    {
        var errors = Violations(definition, body);
        Assert.True(errors.Count == 0, $"{definition}: {string.Join("; ", errors)}");
    }

    public static IReadOnlyList<string> Violations(string definition, JsonElement body)
    {
        var errors = new List<string>();
        Validate((YamlMappingNode)Definitions.Value[definition], body, "$", errors);
        return errors;
    }

    private static void Validate(YamlMappingNode schema, JsonElement value, string path, List<string> errors)
    {
        switch (Scalar(schema, "type"))
        {
            case "object" when value.ValueKind != JsonValueKind.Object:
            case "array" when value.ValueKind != JsonValueKind.Array:
            case "string" when value.ValueKind != JsonValueKind.String:
            case "number" when value.ValueKind != JsonValueKind.Number:
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                errors.Add($"{path}: expected {Scalar(schema, "type")}, got {value.ValueKind}");
                return;
            case "object":
                var properties = schema.Children.TryGetValue("properties", out var p) ? (YamlMappingNode)p : new YamlMappingNode();
                if (schema.Children.TryGetValue("required", out var required))
                {
                    foreach (var name in ((YamlSequenceNode)required).Children.Select(n => ((YamlScalarNode)n).Value!))
                    {
                        if (!value.TryGetProperty(name, out _))
                        {
                            errors.Add($"{path}: missing required {name}");
                        }
                    }
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (properties.Children.TryGetValue(property.Name, out var propertySchema))
                    {
                        Validate((YamlMappingNode)propertySchema, property.Value, $"{path}.{property.Name}", errors);
                    }
                    else
                    {
                        errors.Add($"{path}: {property.Name} is not defined");
                    }
                }

                break;
            case "array":
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Validate((YamlMappingNode)schema["items"], item, $"{path}[{i++}]", errors);
                }

                break;
            case "string":
                var text = value.GetString()!;
                if (Scalar(schema, "minLength") is { } min && text.Length < int.Parse(min, CultureInfo.InvariantCulture))
                {
                    errors.Add($"{path}: '{text}' shorter than {min}");
                }

                if (Scalar(schema, "maxLength") is { } max && text.Length > int.Parse(max, CultureInfo.InvariantCulture))
                {
                    errors.Add($"{path}: '{text}' longer than {max}");
                }

                if (schema.Children.TryGetValue("enum", out var allowed) && !((YamlSequenceNode)allowed).Children.Any(n => ((YamlScalarNode)n).Value == text))
                {
                    errors.Add($"{path}: '{text}' is not in the enum");
                }

                break;
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;
}
