namespace OpsBot.ClusterSim.Store;

/// <summary>Identifies a resource collection: <c>apps/v1 deployments</c>. The core group is the empty string.</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    /// <summary>The <c>apiVersion</c> of objects in this collection: <c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group-qualified resource name used in error messages: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public override string ToString() => $"{ApiVersion}/{Resource}";
}
