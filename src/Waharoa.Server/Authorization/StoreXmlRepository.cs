using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Waharoa.Storage;

namespace Waharoa.Server.Authorization;

/// <summary>
/// ASP.NET Core's data-protection key ring kept in a shared store, so that a page rendered by one instance
/// (its anti-forgery token) is accepted when the form is posted to another.
/// </summary>
internal sealed class StoreXmlRepository(ISharedFileStore store, TimeProvider time) : IXmlRepository
{
    private const string Prefix = "data-protection/";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.ListSharedFilesAsync(Prefix, CancellationToken.None).GetAwaiter().GetResult()
            .Select(f => XElement.Parse(System.Text.Encoding.UTF8.GetString(f.Content)))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var content = System.Text.Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        var name = $"{Prefix}{friendlyName}-{Guid.NewGuid():N}.xml";
        store.AddSharedFileAsync(new SharedFile(name, content, time.GetUtcNow()), CancellationToken.None).GetAwaiter().GetResult();
    }
}
