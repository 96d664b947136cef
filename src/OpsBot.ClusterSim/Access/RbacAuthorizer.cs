using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Access;

/// <summary>
/// Kubernetes' authorization chain as a kubeadm cluster runs it: members of <c>system:masters</c> are allowed
/// outright (the privileged-group authorizer before RBAC), everyone else by RBAC over the store's
/// ClusterRoleBindings (cluster-wide) and the RoleBindings of the request's namespace — subjects User (by name),
/// Group, ServiceAccount (namespace defaulting to the binding's); roleRef Role (in the binding's namespace) or
/// ClusterRole. A binding whose role is missing grants nothing and is reported as the denial's reason
/// (<c>RBAC: clusterrole.rbac.authorization.k8s.io "x" not found</c>). Aggregated ClusterRoles are not computed.
/// </summary>
// https://github.com/kubernetes/kubernetes/blob/master/plugin/pkg/auth/authorizer/rbac/rbac.go
public sealed class RbacAuthorizer(ObjectStore store)
{
    private delegate bool RuleVisitor(string? source, PolicyRule? rule, string? error);

    public AuthorizationDecision Authorize(RequestAttributes request)
    {
        if (request.User.InGroup(UserInfo.SystemMasters))
        {
            return AuthorizationDecision.Allow("");
        }

        string? allowedBy = null;
        var errors = new List<string>();
        VisitRulesFor(request.User, request.Namespace, (source, rule, error) =>
        {
            if (rule is not null && rule.Allows(request))
            {
                allowedBy = $"RBAC: allowed by {source}";
                return false;
            }

            if (error is not null)
            {
                errors.Add(error);
            }

            return true;
        });
        return allowedBy is not null
            ? AuthorizationDecision.Allow(allowedBy)
            : AuthorizationDecision.NoOpinion(errors.Count == 0 ? "" : $"RBAC: {Aggregate(errors)}");
    }

    /// <summary>Every rule that applies to <paramref name="user"/> in <paramref name="ns"/> (cluster-wide ones first), and the errors met.</summary>
    public (IReadOnlyList<PolicyRule> Rules, IReadOnlyList<string> Errors) RulesFor(UserInfo user, string ns)
    {
        var rules = new List<PolicyRule>();
        var errors = new List<string>();
        VisitRulesFor(user, ns, (_, rule, error) =>
        {
            if (rule is not null)
            {
                rules.Add(rule);
            }

            if (error is not null)
            {
                errors.Add(error);
            }

            return true;
        });
        return (rules, errors);
    }

    /// <summary><c>utilerrors.NewAggregate(errs).Error()</c>: one message as is, several in brackets, duplicates once.</summary>
    private static string Aggregate(List<string> errors)
    {
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
    }

    private void VisitRulesFor(UserInfo user, string ns, RuleVisitor visit)
    {
        foreach (var binding in store.List(BuiltInResources.ClusterRoleBindings.Resource).Items)
        {
            if (!VisitBinding(user, binding, "", visit))
            {
                return;
            }
        }

        if (ns.Length == 0)
        {
            return;
        }

        foreach (var binding in store.List(BuiltInResources.RoleBindings.Resource, ns).Items)
        {
            if (!VisitBinding(user, binding, ns, visit))
            {
                return;
            }
        }
    }

    private bool VisitBinding(UserInfo user, JsonObject binding, string bindingNamespace, RuleVisitor visit)
    {
        if (FirstMatchingSubject(user, binding["subjects"], bindingNamespace) is not { } subject)
        {
            return true;
        }

        var roleRef = binding["roleRef"];
        var kind = ObjectMeta.GetString(roleRef, "kind") ?? "";
        var roleName = ObjectMeta.GetString(roleRef, "name") ?? "";
        JsonObject? role;
        string? missing;
        switch (kind)
        {
            case "Role":
                role = store.TryGet(BuiltInResources.Roles.Resource, bindingNamespace, roleName);
                missing = $"role.rbac.authorization.k8s.io \"{roleName}\" not found";
                break;
            case "ClusterRole":
                role = store.TryGet(BuiltInResources.ClusterRoles.Resource, null, roleName);
                missing = $"clusterrole.rbac.authorization.k8s.io \"{roleName}\" not found";
                break;
            default:
                return visit(null, null, $"unsupported role reference kind: \"{kind}\"");
        }

        if (role is null)
        {
            return visit(null, null, missing);
        }

        var bindingName = ObjectMeta.Name(binding);
        var source = bindingNamespace.Length == 0
            ? $"ClusterRoleBinding \"{bindingName}\" of {kind} \"{roleName}\" to {Describe(subject, "")}"
            : $"RoleBinding \"{bindingName}/{bindingNamespace}\" of {kind} \"{roleName}\" to {Describe(subject, bindingNamespace)}";
        foreach (var rule in (role["rules"] as JsonArray ?? []).Select(PolicyRule.FromJson))
        {
            if (!visit(source, rule, null))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode? FirstMatchingSubject(UserInfo user, JsonNode? subjects, string bindingNamespace)
    {
        foreach (var subject in subjects as JsonArray ?? [])
        {
            var name = ObjectMeta.GetString(subject, "name") ?? "";
            var applies = ObjectMeta.GetString(subject, "kind") switch
            {
                "User" => user.Name == name,
                "Group" => user.InGroup(name),
                "ServiceAccount" => (ObjectMeta.GetString(subject, "namespace") is { Length: > 0 } ns ? ns : bindingNamespace) is { Length: > 0 } saNamespace
                    && user.Name == UserInfo.ServiceAccountUserName(saNamespace, name),
                _ => false,
            };
            if (applies)
            {
                return subject;
            }
        }

        return null;
    }

    private static string Describe(JsonNode subject, string bindingNamespace)
    {
        var kind = ObjectMeta.GetString(subject, "kind");
        var name = ObjectMeta.GetString(subject, "name");
        return kind == "ServiceAccount"
            ? $"{kind} \"{name}/{(ObjectMeta.GetString(subject, "namespace") is { Length: > 0 } ns ? ns : bindingNamespace)}\""
            : $"{kind} \"{name}\"";
    }
}
