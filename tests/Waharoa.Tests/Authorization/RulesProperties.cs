using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Waharoa.Clients;
using Waharoa.Server.Authorization;

namespace Waharoa.Tests.Authorization;

/// <summary>Property tests of IR's state rules and exact redirect-URI matching.</summary>
public sealed class RulesProperties
{
    private const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.?,:'/\\+=$#_";

    private static Arbitrary<string> AllowedStates(int maxLength) =>
        Gen.Elements(Allowed.ToCharArray()).ListOf().Select(cs => new string(cs.ToArray()))
            .Where(s => s.Length <= maxLength).ToArbitrary();

    [Property]
    public Property State_OfAllowedCharactersBelow200_IsValid() =>
        Prop.ForAll(AllowedStates(199), s => StateRules.IsValid(s));

    [Property]
    public Property State_WithAnyCharacterOutsideTheList_IsInvalid() =>
        Prop.ForAll(AllowedStates(150), ArbMap.Default.ArbFor<char>().Filter(c => !Allowed.Contains(c)), ArbMap.Default.ArbFor<int>(),
            (state, bad, at) =>
            {
                var position = Math.Abs(at % (state.Length + 1));
                return !StateRules.IsValid(state.Insert(position, bad.ToString()));
            });

    [Property]
    public Property State_Of200OrMoreCharacters_IsInvalid() =>
        Prop.ForAll(Gen.Choose(200, 600).ToArbitrary(), n => !StateRules.IsValid(new string('a', n)));

    [Property]
    public Property RedirectUri_MatchesOnlyTheExactRegisteredString() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), ArbMap.Default.ArbFor<NonEmptyString>(), (registered, other) =>
        {
            var client = new DspClient("c", "c", ClientKind.Native, "h", [registered.Get], null, DateTimeOffset.UnixEpoch);
            return client.HasRedirectUri(registered.Get)
                && client.HasRedirectUri(other.Get) == string.Equals(registered.Get, other.Get, StringComparison.Ordinal);
        });

    [Property]
    public Property RedirectUri_AnyVariationOfARegisteredUri_DoesNotMatch() =>
        Prop.ForAll(Gen.Elements("/", "?", "#", "x", " ", "%20", "A").ToArbitrary(), suffix =>
        {
            var client = new DspClient("c", "c", ClientKind.Native, "h", ["https://a.example/cb"], null, DateTimeOffset.UnixEpoch);
            return !client.HasRedirectUri("https://a.example/cb" + suffix)
                && !client.HasRedirectUri("https://A.example/cb")
                && !client.HasRedirectUri("http://a.example/cb");
        });
}
