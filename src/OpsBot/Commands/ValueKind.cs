namespace OpsBot.Commands;

/// <summary>What a flag or argument holds; the parser validates each kind before anything runs.</summary>
public enum ValueKind
{
    /// <summary>A switch: present or not (<c>--previous</c>, <c>-A</c>).</summary>
    Boolean,

    /// <summary>Free text (capped in length).</summary>
    Text,

    /// <summary>A whole number within the flag's range.</summary>
    Integer,

    /// <summary><c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>2d</c>.</summary>
    Duration,

    /// <summary>A namespace: an RFC 1123 label.</summary>
    Namespace,

    /// <summary>An object name (pod, deployment, node, HPA): an RFC 1123 subdomain.</summary>
    ObjectName,

    /// <summary>A container name: an RFC 1123 label.</summary>
    ContainerName,

    /// <summary>A label selector such as <c>app=frontend,tier!=cache</c>.</summary>
    LabelSelector,

    /// <summary>A configured cluster name.</summary>
    ClusterName,

    /// <summary><c>kind/name</c> such as <c>pod/web-1</c> or <c>deploy/frontend</c>; parsed to <c>Kind/name</c>.</summary>
    ObjectReference,

    /// <summary>
    /// <c>NAMESPACE/NAME</c>, or <c>NAME</c> in the namespace of <c>-n</c> (else the channel's): the value is the name
    /// and the namespace becomes the command's, so that authorization checks the namespace the object is in.
    /// </summary>
    NamespacedName,
}
