using System.Xml.Linq;

namespace Waharoa.Tests.Intermediation;

/// <summary>
/// Compares two XML documents as IR's samples are meant: the same elements (namespace and local name) in the same
/// order, the same attributes (namespace declarations aside), the same text; prefixes and indentation do not matter.
/// </summary>
internal static class XmlShape
{
    public static void AssertEquivalent(XElement expected, XElement actual) => Compare(expected, actual, "/" + expected.Name.LocalName);

    private static void Compare(XElement expected, XElement actual, string path)
    {
        Assert.True(expected.Name == actual.Name, $"{path}: expected element {expected.Name} but found {actual.Name}");
        var expectedAttributes = Attributes(expected);
        var actualAttributes = Attributes(actual);
        Assert.True(expectedAttributes == actualAttributes, $"{path}: expected attributes [{expectedAttributes}] but found [{actualAttributes}]");
        var expectedChildren = expected.Elements().ToList();
        var actualChildren = actual.Elements().ToList();
        Assert.True(
            expectedChildren.Count == actualChildren.Count,
            $"{path}: expected children [{string.Join(", ", expectedChildren.Select(e => e.Name.LocalName))}] but found [{string.Join(", ", actualChildren.Select(e => e.Name.LocalName))}]");
        if (expectedChildren.Count == 0)
        {
            Assert.True(expected.Value.Trim() == actual.Value.Trim(), $"{path}: expected text '{expected.Value.Trim()}' but found '{actual.Value.Trim()}'");
        }

        for (var i = 0; i < expectedChildren.Count; i++)
        {
            Compare(expectedChildren[i], actualChildren[i], $"{path}/{expectedChildren[i].Name.LocalName}[{i}]");
        }
    }

    private static string Attributes(XElement element) =>
        string.Join(" ", element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => $"{a.Name}={a.Value}").Order(StringComparer.Ordinal));
}
