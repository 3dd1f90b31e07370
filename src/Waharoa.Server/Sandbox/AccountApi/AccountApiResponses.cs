using System.Text.Json;
using Waharoa.Server.Gateway;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>Writes Account API bodies as the OpenAPI file's <c>produces</c> says: <c>application/json; charset=utf-8</c>, IR's REST shapes.</summary>
internal static class AccountApiResponses
{
    public static Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write, CancellationToken cancellationToken) =>
        RestResponses.WriteJsonAsync(response, status, write, cancellationToken);

    public static Task WriteRefusalAsync(HttpResponse response, AccountApiRefusal refusal, CancellationToken cancellationToken) =>
        RestResponses.WriteErrorsAsync(response, refusal.Status, refusal.Errors.Select(e => (e.Code, e.Type, e.Message)), cancellationToken);
}
