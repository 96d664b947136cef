using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Approvals;

/// <summary>
/// The port through which the workflow asks the host who may do what: the host answers from its
/// authorization (users → roles → permissions × namespaces, and the channel the person acted from).
/// </summary>
public interface IPermissionChecker
{
    /// <summary>Whether <paramref name="actor"/>, in the channel they acted from, holds <paramref name="permission"/> on <paramref name="ns"/> (empty: a cluster-scoped target).</summary>
    bool Holds(Actor actor, WorkflowPermission permission, string ns);

    /// <summary>Whether <paramref name="actor"/> has the role <paramref name="role"/>.</summary>
    bool HasRole(Actor actor, string role);
}
