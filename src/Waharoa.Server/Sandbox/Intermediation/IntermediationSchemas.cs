using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// IR's published contract, embedded as published: Common.v2.xsd, Intermediation.v1.xsd and the developer WSDL.
/// Requests are validated against the XSDs together with the WSDL's own message schemas, so the SOAP body is checked
/// from the operation element down to the last field.
/// </summary>
internal static class IntermediationSchemas
{
    public const string CommonFile = "Common.v2.xsd";
    public const string IntermediationFile = "Intermediation.v1.xsd";
    public const string WsdlFile = "IntermediationDevWsdl.v1.wsdl";

    /// <summary>The service address the published WSDL carries; replaced with the address the caller used.</summary>
    private const string PublishedAddress = "https://eservices-test-gateway.npnsp.ird.govt.nz:4046/secure/gateway/GWS/Intermediation/";

    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";

    private static readonly Lazy<XmlSchemaSet> Set = new(Compile);

    /// <summary>The text of an embedded contract file (<see cref="CommonFile"/>, <see cref="IntermediationFile"/> or <see cref="WsdlFile"/>).</summary>
    public static string Text(string file)
    {
        using var stream = typeof(IntermediationSchemas).Assembly.GetManifestResourceStream("Waharoa.Intermediation." + file)
            ?? throw new InvalidOperationException("Missing embedded contract file " + file);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The developer WSDL as IR publishes it, with its service address set to <paramref name="address"/>.</summary>
    public static string WsdlFor(string address) => Text(WsdlFile).Replace(PublishedAddress, address, StringComparison.Ordinal);

    /// <summary>The WSDL with both XSDs inlined into <c>wsdl:types</c>, for tools that want one file (<c>?singleWsdl</c>).</summary>
    public static string SingleWsdlFor(string address)
    {
        var wsdl = XDocument.Parse(WsdlFor(address));
        var types = wsdl.Root!.Element(Wsdl + "types")!;
        types.AddFirst(Schema(CommonFile), Schema(IntermediationFile));
        foreach (var import in types.Descendants(Xsd + "import"))
        {
            import.Attribute("schemaLocation")?.Remove();
        }

        return wsdl.Declaration + wsdl.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Validates an operation element (the SOAP body's child); returns the first problem, or null when valid.</summary>
    public static string? Validate(XElement operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        string? problem = null;
        new XDocument(new XElement(operation)).Validate(Set.Value, (_, e) => problem ??= e.Message);
        return problem;
    }

    private static XElement Schema(string file) => XElement.Parse(Text(file));

    private static XmlSchemaSet Compile()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        Add(set, Schema(CommonFile));
        Add(set, Schema(IntermediationFile));

        // The WSDL's message schemas refer to each other's namespaces without importing them (WCF's output); the
        // imports are added so the schema compiler accepts them, and the XSDs they import are already in the set.
        var wsdl = XElement.Parse(Text(WsdlFile));
        var messageSchemas = wsdl.Element(Wsdl + "types")!.Elements(Xsd + "schema")
            .Where(s => ((string?)s.Attribute("targetNamespace"))?.StartsWith(IntermediationContract.ServiceNamespace, StringComparison.Ordinal) == true)
            .ToList();
        var namespaces = messageSchemas.Select(s => (string)s.Attribute("targetNamespace")!).Append(IntermediationContract.TypesNamespace).ToList();
        foreach (var source in messageSchemas)
        {
            var schema = new XElement(source);
            foreach (var declaration in source.AncestorsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.IsNamespaceDeclaration))
            {
                if (schema.Attribute(declaration.Name) is null)
                {
                    schema.SetAttributeValue(declaration.Name, declaration.Value);
                }
            }

            schema.Elements(Xsd + "import").Remove();
            var target = (string)schema.Attribute("targetNamespace")!;
            schema.AddFirst(namespaces.Where(n => n != target).Select(n => new XElement(Xsd + "import", new XAttribute("namespace", n))));
            Add(set, schema);
        }

        set.Compile();
        return set;
    }

    private static void Add(XmlSchemaSet set, XElement schema)
    {
        foreach (var import in schema.Elements(Xsd + "import"))
        {
            import.Attribute("schemaLocation")?.Remove();
        }

        using var reader = schema.CreateReader();
        set.Add(XmlSchema.Read(reader, (_, e) => throw new InvalidOperationException("Invalid embedded schema: " + e.Message))!);
    }
}
