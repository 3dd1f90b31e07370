using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>
/// One service's published contract, embedded as IR publishes it: its XSDs and developer WSDL. Requests are validated
/// against the XSDs together with the WSDL's own message schemas, so the SOAP body is checked from the operation element
/// down to the last field; the WSDL is served with the address the caller used.
/// </summary>
internal sealed class SoapContract
{
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";

    private readonly string _resourcePrefix;
    private readonly string _publishedAddress;
    private readonly string _serviceNamespace;
    private readonly Lazy<XmlSchemaSet> _set;

    /// <param name="resourcePrefix">The embedded resources' logical name prefix, e.g. <c>Waharoa.Intermediation.</c>.</param>
    /// <param name="schemaFiles">The XSDs, each after those it imports.</param>
    /// <param name="wsdlFile">The developer WSDL.</param>
    /// <param name="publishedAddress">The service address the published WSDL carries, replaced with the caller's.</param>
    /// <param name="serviceNamespace">The WSDL's target namespace; its message schemas' namespaces start with it.</param>
    public SoapContract(string resourcePrefix, IReadOnlyList<string> schemaFiles, string wsdlFile, string publishedAddress, string serviceNamespace)
    {
        _resourcePrefix = resourcePrefix;
        SchemaFiles = schemaFiles;
        WsdlFile = wsdlFile;
        _publishedAddress = publishedAddress;
        _serviceNamespace = serviceNamespace;
        _set = new Lazy<XmlSchemaSet>(Compile);
    }

    /// <summary>The XSDs, served beside the WSDL by their file names.</summary>
    public IReadOnlyList<string> SchemaFiles { get; }

    public string WsdlFile { get; }

    /// <summary>The text of an embedded contract file.</summary>
    public string Text(string file)
    {
        using var stream = typeof(SoapContract).Assembly.GetManifestResourceStream(_resourcePrefix + file)
            ?? throw new InvalidOperationException("Missing embedded contract file " + file);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The developer WSDL as IR publishes it, with its service address set to <paramref name="address"/>.</summary>
    public string WsdlFor(string address) => Text(WsdlFile).Replace(_publishedAddress, address, StringComparison.Ordinal);

    /// <summary>The WSDL with every XSD inlined into <c>wsdl:types</c>, for tools that want one file (<c>?singleWsdl</c>).</summary>
    public string SingleWsdlFor(string address)
    {
        var wsdl = XDocument.Parse(WsdlFor(address));
        var types = wsdl.Root!.Element(Wsdl + "types")!;
        types.AddFirst(SchemaFiles.Select(Schema));
        foreach (var import in types.Descendants(Xsd + "import"))
        {
            import.Attribute("schemaLocation")?.Remove();
        }

        return wsdl.Declaration + wsdl.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Validates an operation element (the SOAP body's child); returns the first problem, or null when valid.</summary>
    public string? Validate(XElement operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        // The copy keeps the prefixes declared on the envelope or body in scope: xsi:type values name types by them.
        var copy = new XElement(operation);
        foreach (var declaration in operation.Ancestors().SelectMany(e => e.Attributes()).Where(a => a.IsNamespaceDeclaration))
        {
            if (copy.Attribute(declaration.Name) is null)
            {
                copy.SetAttributeValue(declaration.Name, declaration.Value);
            }
        }

        string? problem = null;
        new XDocument(copy).Validate(_set.Value, (_, e) => problem ??= e.Message);
        return problem;
    }

    /// <summary>
    /// Validates <paramref name="element"/> as content of the schema type <paramref name="type"/> (for a part of a message
    /// kept on its own, such as a return's <c>formFields</c>); returns the first problem, or null when valid.
    /// </summary>
    public string? ValidateAs(XElement element, XmlQualifiedName type)
    {
        ArgumentNullException.ThrowIfNull(element);
        var schemaType = _set.Value.GlobalTypes[type] as XmlSchemaType
            ?? throw new InvalidOperationException($"The contract has no type {type}.");
        string? problem = null;
        new XDocument(new XElement(element)).Root!.Validate(schemaType, _set.Value, (_, e) => problem ??= e.Message);
        return problem;
    }

    private XElement Schema(string file) => XElement.Parse(Text(file));

    private XmlSchemaSet Compile()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        var schemas = SchemaFiles.Select(Schema).ToList();
        foreach (var schema in schemas)
        {
            Add(set, schema);
        }

        // The WSDL's message schemas refer to each other's namespaces without importing them (WCF's output); the
        // imports are added so the schema compiler accepts them, and the XSDs they import are already in the set.
        var wsdl = XElement.Parse(Text(WsdlFile));
        var messageSchemas = wsdl.Element(Wsdl + "types")!.Elements(Xsd + "schema")
            .Where(s => ((string?)s.Attribute("targetNamespace"))?.StartsWith(_serviceNamespace, StringComparison.Ordinal) == true)
            .ToList();
        var namespaces = messageSchemas.Concat(schemas).Select(s => (string)s.Attribute("targetNamespace")!).Distinct().ToList();
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
