using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// The schema generation a Return service request is written in, and so its response: GST's v1 (Common.v1,
/// ReturnCommon.v1, ReturnGST.v1) or Employment Information's v2 (Common.v2, ReturnCommon.v2, ReturnEI.v2).
/// </summary>
/// <param name="Common">The Common namespace (identifier, statusMessage).</param>
/// <param name="ReturnCommon">The ReturnCommon namespace (headers, response payloads).</param>
/// <param name="Form">The return type's namespace (its form fields and typed response bodies).</param>
/// <param name="Contract">The published contract requests of this version are validated against.</param>
/// <param name="MajorFormTypes">The major form types served in this version.</param>
internal sealed record ReturnsVersion(string Common, string ReturnCommon, string Form, SoapContract Contract, IReadOnlyList<string> MajorFormTypes)
{
    public static readonly ReturnsVersion V1 = new(CommonNamespace, ReturnCommonNamespace, GstNamespace, ReturnsContract.Contract, ["GST"]);

    public static readonly ReturnsVersion V2 = new(CommonV2Namespace, ReturnCommonV2Namespace, EiNamespace, EiContract, ["EI2"]);

    /// <summary>True for v2, whose statusMessage carries particulars in <c>errorDescription</c>.</summary>
    public bool HasErrorDescription => ReferenceEquals(this, V2);

    /// <summary>
    /// The version of an operation element (<c>ret:File</c>…): v2 when its payload, under the message and wrapper
    /// elements, is in a v2 namespace (ReturnEI.v2 or ReturnCommon.v2); else v1, GST's, as before EI was served.
    /// </summary>
    public static ReturnsVersion Of(XElement? operation)
    {
        var payload = operation?.Elements().FirstOrDefault()?.Elements().FirstOrDefault()?.Elements().FirstOrDefault();
        var ns = payload?.Name.NamespaceName;
        return ns is EiNamespace or ReturnCommonV2Namespace ? V2 : V1;
    }
}
