namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>The table converter of each kind (NAME/AGE for kinds without one).</summary>
public static class TableConverters
{
    private static readonly Dictionary<string, ITableConverter> ByKind = new(StringComparer.Ordinal)
    {
        ["Pod"] = new PodTable(),
        ["Deployment"] = new DeploymentTable(),
        ["ReplicaSet"] = new ReplicaSetTable(),
        ["Node"] = new NodeTable(),
        ["Event"] = new EventTable(),
        ["HorizontalPodAutoscaler"] = new HorizontalPodAutoscalerTable(),
        ["Namespace"] = new NamespaceTable(),
        ["Secret"] = new SecretTable(),
        ["ConfigMap"] = new ConfigMapTable(),
        ["Service"] = new ServiceTable(),
        ["Ingress"] = new IngressTable(),
        ["Lease"] = new LeaseTable(),
        ["Certificate"] = new CertificateTable(),
        ["StatefulSet"] = new StatefulSetTable(),
        ["DaemonSet"] = new DaemonSetTable(),
        ["Job"] = new JobTable(),
        ["CronJob"] = new CronJobTable(),
        ["PersistentVolumeClaim"] = new PersistentVolumeClaimTable(),
        ["PersistentVolume"] = new PersistentVolumeTable(),
        ["StorageClass"] = new StorageClassTable(),
        ["Endpoints"] = new EndpointsTable(),
        ["EndpointSlice"] = new EndpointSliceTable(),
        ["ControllerRevision"] = new ControllerRevisionTable(),
        ["PodDisruptionBudget"] = new PodDisruptionBudgetTable(),
    };

    private static readonly NameAgeTable Fallback = new();

    public static ITableConverter For(ResourceDefinition definition) => ByKind.GetValueOrDefault(definition.Kind) ?? Fallback;
}
