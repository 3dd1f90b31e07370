using System.Text.Json;

namespace Waharoa.Tests;

/// <summary>Compares JSON documents by shape: the same property names, in the same order, with the same value kinds.</summary>
internal static class JsonShape
{
    public static void AssertSame(JsonElement expected, JsonElement actual, string path = "$")
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: expected {Kind(expected)} but got {Kind(actual)} ({actual})");
        if (expected.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToArray();
        var actualNames = actual.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.True(expectedNames.SequenceEqual(actualNames), $"{path}: expected properties [{string.Join(", ", expectedNames)}] but got [{string.Join(", ", actualNames)}]");
        foreach (var property in expected.EnumerateObject())
        {
            AssertSame(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
        }
    }

    private static JsonValueKind Kind(JsonElement e) => e.ValueKind == JsonValueKind.False ? JsonValueKind.True : e.ValueKind;
}
