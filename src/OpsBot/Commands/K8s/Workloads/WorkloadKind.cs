using k8s;
using k8s.Models;
using OpsBot.Chat.Messages;
using OpsBot.Kubernetes;

namespace OpsBot.Commands.K8s.Workloads;

/// <summary>
/// How <c>/k8s</c> lists and describes one kind (StatefulSets, DaemonSets, Jobs, CronJobs, PersistentVolumeClaims):
/// kubectl's columns, what needs attention, and the fields of <c>describe</c>.
/// </summary>
public abstract class WorkloadKind<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The kind as messages name it (<c>StatefulSet</c>), also the events' <c>involvedObject.kind</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The kind in running text (<c>statefulset</c>, <c>pvc</c>): "statefulset web not found in namespace shop".</summary>
    public abstract string Noun { get; }

    /// <summary>The columns after NAME (and NAMESPACE), as <c>kubectl get</c> shows them.</summary>
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    public abstract PagedList<T> List(IKubernetes client, string? namespaceParameter);

    public abstract Task<T> ReadAsync(IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default);

    /// <summary>The cells after NAME, matching <see cref="Columns"/>.</summary>
    public abstract IReadOnlyList<string> Cells(T item, DateTimeOffset now);

    /// <summary>What needs attention, or null when the object is healthy.</summary>
    public abstract string? Problem(T item, DateTimeOffset now);

    /// <summary>The fields of <c>describe</c>.</summary>
    public abstract IReadOnlyList<MessageField> Fields(T item, DateTimeOffset now);

    /// <summary>Type, status, reason and message of each condition, for <c>describe</c>.</summary>
    public virtual IEnumerable<(string Type, string Status, string? Reason, string? Message)> Conditions(T item) => [];

    /// <summary>The one-line text of <c>describe</c> (the message's plain text).</summary>
    public abstract string Summary(T item, DateTimeOffset now);
}
