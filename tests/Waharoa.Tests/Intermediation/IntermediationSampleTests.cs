using System.Xml.Linq;
using Waharoa.Testing;

namespace Waharoa.Tests.Intermediation;

/// <summary>IR's sample messages are test vectors: each sample request, replayed against the demo data, gets the sample response.</summary>
public sealed class IntermediationSampleTests
{
    [Theory]
    [InlineData("RetriveClientList-request.xml", "RetriveClientList-response.xml")]
    [InlineData("RetrieveClient-request.xml", "RetrieveClient-response.xml")]
    [InlineData("Link-request.xml", "Link-response.xml")]
    [InlineData("Delink-request.xml", "Delink-response.xml")]
    [InlineData("Update-request.xml", "Update-response.xml")]
    public async Task SampleRequest_ReplayedOnTheDemoData_GetsTheSampleResponse(string requestFile, string responseFile)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var request = XDocument.Load(SpecFiles.Path("ir-intermediation", "sample messages", requestFile));
        var expected = XDocument.Load(SpecFiles.Path("ir-intermediation", "sample messages", responseFile));

        var answer = await calls.SendAsync("TaxAgentOwnerFull", request);

        XmlShape.AssertEquivalent(expected.Root!, answer.Document.Root!);
    }
}
