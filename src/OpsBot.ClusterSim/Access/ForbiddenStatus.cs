using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// The 403 <c>Status</c> the API server writes when no authorizer allows a request, worded exactly as
/// <c>responsewriters.Forbidden</c> does: <c>pods is forbidden: User "system:serviceaccount:opsbot:opsbot" cannot
/// list resource "pods" in API group "" in the namespace "shop"</c>, <c>deployments.apps "web" is forbidden: … cannot
/// get resource "deployments/scale" …</c>, <c>… at the cluster scope</c>, <c>forbidden: User "x" cannot get path "/apis"</c>.
/// </summary>
// https://github.com/kubernetes/apiserver/blob/master/pkg/endpoints/handlers/responsewriters/errors.go
public static class ForbiddenStatus
{
    public static JsonObject For(RequestAttributes request, string reason)
    {
        var message = Sanitize(Describe(request));
        if (reason.Length > 0)
        {
            message = $"{message}: {reason}";
        }

        var group = request.IsResourceRequest ? request.ApiGroup : "";
        var resource = request.IsResourceRequest ? request.Resource : "";
        var name = request.IsResourceRequest ? request.Name : "";
        var qualified = group.Length == 0 ? resource : $"{resource}.{group}";
        var text = (qualified.Length, name.Length) switch
        {
            (0, _) => $"forbidden: {message}",
            (_, 0) => $"{qualified} is forbidden: {message}",
            _ => $"{qualified} \"{name}\" is forbidden: {message}",
        };
        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        if (resource.Length > 0)
        {
            details["kind"] = resource;
        }

        return StatusErrors.Status(403, "Forbidden", text, details);
    }

    private static string Describe(RequestAttributes request)
    {
        var user = request.User.Name;
        if (!request.IsResourceRequest)
        {
            return $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"";
        }

        return request.Namespace.Length > 0
            ? $"User \"{user}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.ApiGroup}\" in the namespace \"{request.Namespace}\""
            : $"User \"{user}\" cannot {request.Verb} resource \"{request.ResourceWithSubresource}\" in API group \"{request.ApiGroup}\" at the cluster scope";
    }

    // The API server HTML-escapes the user-controlled parts of the message.
    private static string Sanitize(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
