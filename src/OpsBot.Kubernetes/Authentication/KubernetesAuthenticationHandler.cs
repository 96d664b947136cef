using System.Net;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// Puts the current credential on every request and, when the server answers 401, refreshes it
/// once (re-runs the exec plugin, re-reads the token file) and resends the request once. The body
/// is buffered so it can be resent.
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
/// </summary>
internal sealed class KubernetesAuthenticationHandler(ICredentialSource credentials, HttpMessageHandler innerHandler)
    : DelegatingHandler(innerHandler)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var credential = await credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        Apply(request, credential);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        credentials.Invalidate(credential);
        KubernetesCredential fresh;
        try
        {
            fresh = await credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (fresh.IsEquivalentTo(credential))
        {
            return response;
        }

        response.Dispose();
        var retry = Clone(request, body);
        Apply(retry, fresh);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(HttpRequestMessage request, KubernetesCredential credential)
    {
        if (credential.Authorization is { } authorization)
        {
            request.Headers.Authorization = authorization;
        }

        request.Options.Set(KubernetesCredential.RequestOptionKey, credential);
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            clone.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        return clone;
    }
}
