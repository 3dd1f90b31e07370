
namespace Waharoa.Server.Xiams;

/// <summary>Reading the parameters of an xIAMS token request.</summary>
internal static class XiamsForm
{
    /// <summary>The first of <paramref name="names"/> that is missing or empty, as IR's error; null when all are there.</summary>
    public static XiamsError? Missing(IFormCollection form, params string[] names)
    {
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(form[name].ToString()))
            {
                return XiamsErrors.MissingParameter(name);
            }
        }

        return null;
    }
}
