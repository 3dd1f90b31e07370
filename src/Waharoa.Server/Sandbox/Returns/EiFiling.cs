using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// An Employment Information File request's form fields (<c>r:FormFieldsType</c>), read: the return it amends, the
/// amendment method, the pay day and its employee lines; and the return as stored and given back by RetrieveReturn.
/// </summary>
internal sealed record EiFiling(long? SubmissionKey, bool IsReverseReplace, DateOnly PayDay, IReadOnlyList<XElement> Lines, XElement FormFields)
{
    public static readonly XNamespace Ei = EiNamespace;

    /// <summary>Reads a schema-valid File request's <c>rc:formFields</c>.</summary>
    public static EiFiling Read(XElement formFields)
    {
        ArgumentNullException.ThrowIfNull(formFields);
        var key = (string?)formFields.Element(Ei + "submissionKey");
        return new EiFiling(
            key is null ? null : long.TryParse(key.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : -1,
            (string?)formFields.Element(Ei + "isReverseReplace") is { } replace && XmlConvert.ToBoolean(replace),
            ReturnRequest.Date((string)formFields.Element(Ei + "payDayDate")!),
            [.. formFields.Element(Ei + "employeeFields")!.Elements(Ei + "employee")],
            formFields);
    }

    /// <summary>A line's field, trimmed, or null.</summary>
    public static string? Field(XElement line, string name) => ((string?)line.Element(Ei + name))?.Trim();

    /// <summary>A line's amount field, or null.</summary>
    public static decimal? Amount(XElement line, string name) =>
        Field(line, name) is { } text ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// A hash of what a File request asks for, for IR's duplicate rule (160: the same account, period, pay day and payload
    /// within the hour): every leaf's name and value in document order, so that prefixes and layout do not count.
    /// </summary>
    public static string PayloadHash(XElement fileBody)
    {
        ArgumentNullException.ThrowIfNull(fileBody);
        var text = new StringBuilder();
        foreach (var leaf in fileBody.Descendants().Where(e => !e.HasElements))
        {
            text.Append(leaf.Name.LocalName).Append('=').Append(leaf.Value.Trim()).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The return as stored: <c>r:formFields</c> with its submission key first, the filed fields but the amendment
    /// method, and each employee line numbered (IR's lineNumber) before its other fields.
    /// </summary>
    public static XElement Stored(long submissionKey, XElement filedFields, IReadOnlyList<XElement> numberedLines)
    {
        ArgumentNullException.ThrowIfNull(filedFields);
        var fields = new XElement(Ei + "formFields", new XAttribute(XNamespace.Xmlns + "r", EiNamespace), new XElement(Ei + "submissionKey", submissionKey));
        foreach (var field in filedFields.Elements())
        {
            if (field.Name == Ei + "submissionKey" || field.Name == Ei + "isReverseReplace")
            {
                continue;
            }

            fields.Add(field.Name == Ei + "employeeFields" ? new XElement(Ei + "employeeFields", numberedLines) : Copy(field));
        }

        return fields;
    }

    /// <summary><paramref name="line"/> with IR's line number first and its filed fields after (without a filed lineNumber).</summary>
    public static XElement Numbered(XElement line, long lineNumber)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new XElement(Ei + "employee", new XElement(Ei + "lineNumber", lineNumber), line.Elements().Where(e => e.Name != Ei + "lineNumber").Select(Copy));
    }

    /// <summary>A field without the namespace declarations of the request it came from.</summary>
    private static XElement Copy(XElement element) =>
        new(element.Name, element.Attributes().Where(a => !a.IsNamespaceDeclaration), element.Nodes().Select(n => n is XElement e ? Copy(e) : n));
}
