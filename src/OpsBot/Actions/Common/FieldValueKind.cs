namespace OpsBot.Actions.Common;

/// <summary>How the values of a field compare when an action checks what the cluster holds now.</summary>
public enum FieldValueKind
{
    /// <summary>Exact text (images, annotations).</summary>
    Text,

    /// <summary>Whole numbers (replicas, probe seconds).</summary>
    Integer,

    /// <summary>Kubernetes quantities, by value: <c>1Gi</c> equals <c>1024Mi</c>.</summary>
    Quantity,

    /// <summary>A switch where unset means false (<c>spec.unschedulable</c>).</summary>
    Boolean,
}
