using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// Authentication, impersonation and authorization of every request, in the API server's order. The admin token
/// (the kubeconfig's) is <see cref="UserInfo.Admin"/>, in <c>system:masters</c>, so it may do anything and RBAC is
/// never consulted for it; ServiceAccount tokens (<see cref="Tokens"/>) are authorized by <see cref="Authorizer"/>.
/// When no token is required (plain HTTP by default), a request without a ServiceAccount token acts as the admin,
/// as before RBAC existed here; a token this simulator signed that is no longer valid is refused with 401 anyway.
/// </summary>
public sealed class AccessControl : IDisposable
{
    private const string UserKey = "OpsBot.ClusterSim.Access.User";
    private readonly byte[]? _adminToken;
    private readonly bool _tokenRequired;

    public AccessControl(ObjectStore store, TimeProvider clock, string? adminToken, bool tokenRequired)
    {
        _adminToken = adminToken is null ? null : Encoding.UTF8.GetBytes(adminToken);
        _tokenRequired = tokenRequired;
        Tokens = new ServiceAccountTokens(store, clock);
        Authorizer = new RbacAuthorizer(store);
    }

    public ServiceAccountTokens Tokens { get; }

    public RbacAuthorizer Authorizer { get; }

    /// <summary>The user a request was admitted as (the admin when no access control runs).</summary>
    public static UserInfo UserOf(HttpContext context) =>
        context.Items.TryGetValue(UserKey, out var user) && user is UserInfo info ? info : UserInfo.Admin;

    /// <summary>Who presents this bearer token: the admin, a ServiceAccount, or null (401).</summary>
    public UserInfo? Authenticate(string? authorization)
    {
        var token = authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        if (token is null)
        {
            return _tokenRequired ? null : UserInfo.Admin;
        }

        if (IsAdminToken(token))
        {
            return UserInfo.Admin;
        }

        if (Tokens.Authenticate(token) is { } serviceAccount)
        {
            return serviceAccount;
        }

        return _tokenRequired || Tokens.IsOwnToken(token) ? null : UserInfo.Admin;
    }

    /// <summary>True when <paramref name="token"/> is the admin token (compared in constant time).</summary>
    public bool IsAdminToken(string token) =>
        _adminToken is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _adminToken);

    /// <summary>
    /// Authenticates, applies impersonation headers and authorizes the request; remembers the user for the handlers.
    /// Throws <see cref="ApiException"/> with 401 Unauthorized, 403 Forbidden or 400 BadRequest.
    /// </summary>
    public UserInfo Admit(HttpContext context)
    {
        var request = context.Request;
        var requester = Authenticate(request.Headers.Authorization.ToString()) ?? throw new ApiException(StatusErrors.Unauthorized());
        var user = Impersonation.Apply(requester, request.Headers, Authorizer.Authorize);
        var attributes = RequestInfo.Parse(user, request.Method, request.Path.Value ?? "/", name => request.Query.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null);
        var decision = Authorizer.Authorize(attributes);
        if (!decision.Allowed)
        {
            throw new ApiException(ForbiddenStatus.For(attributes, decision.Reason));
        }

        context.Items[UserKey] = user;
        return user;
    }

    public void Dispose() => Tokens.Dispose();
}
