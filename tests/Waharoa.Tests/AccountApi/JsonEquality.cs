using System.Text.Json;

namespace Waharoa.Tests.AccountApi;

/// <summary>
/// JSON equality as a DSP's parser sees it: the same property names in the same order, the same value kinds
/// (true and false distinct) and the same values; numbers compare by their text (<c>0.0</c> is not <c>0</c>).
/// </summary>
internal static class JsonEquality
{
    public static void AssertEqual(JsonElement expected, JsonElement actual, string path = "$")
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind} but got {actual.ValueKind} ({actual})");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToArray();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToArray();
                Assert.True(expectedNames.SequenceEqual(actualNames), $"{path}: expected properties [{string.Join(", ", expectedNames)}] but got [{string.Join(", ", actualNames)}]");
                foreach (var property in expected.EnumerateObject())
                {
                    AssertEqual(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: expected {expected.GetArrayLength()} items but got {actual.GetArrayLength()}");
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertEqual(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            case JsonValueKind.String:
                Assert.True(expected.GetString() == actual.GetString(), $"{path}: expected \"{expected.GetString()}\" but got \"{actual.GetString()}\"");
                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()} but got {actual.GetRawText()}");
                break;
        }
    }
}
