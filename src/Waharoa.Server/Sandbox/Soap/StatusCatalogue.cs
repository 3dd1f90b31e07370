using System.Reflection;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>Every status a SOAP service's status record declares (its public static fields of its own type): the service's documented codes.</summary>
internal static class StatusCatalogue<T>
    where T : class
{
    /// <summary>The declared statuses, in declaration order.</summary>
    public static readonly IReadOnlyList<T> All = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(T))
        .Select(f => (T)f.GetValue(null)!)
        .ToList();
}
