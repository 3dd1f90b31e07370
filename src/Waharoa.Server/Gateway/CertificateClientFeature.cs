using Waharoa.Clients;

namespace Waharoa.Server.Gateway;

/// <summary>The client a cloud call's certificate is enrolled for (null: none), as looked up once before the call's other work.</summary>
internal sealed record CertificateClientFeature(DspClient? Client);
