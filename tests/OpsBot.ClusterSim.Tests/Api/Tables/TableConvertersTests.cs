using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Api.Tables;

namespace OpsBot.ClusterSim.Tests.Api.Tables;

public sealed class TableConvertersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<string?> Cells(ResourceDefinition definition, string json) =>
        [.. TableConverters.For(definition).Cells(JsonNode.Parse(json)!.AsObject(), Now).Select(c => c?.ToString())];

    [Theory]
    [InlineData("""{"conditions":[{"type":"Ready","status":"True"}]}""", "false", "Ready")]
    [InlineData("""{"conditions":[{"type":"Ready","status":"True"}]}""", "true", "Ready,SchedulingDisabled")]
    [InlineData("""{"conditions":[{"type":"Ready","status":"Unknown"}]}""", "false", "NotReady")]
    [InlineData("""{"conditions":[]}""", "false", "Unknown")]
    public void Node_Status_MatchesKubectl(string status, string unschedulable, string expected) =>
        Assert.Equal(expected, Cells(BuiltInResources.Nodes, $$"""{"metadata":{"name":"n"},"spec":{"unschedulable":{{unschedulable}}},"status":{{status}}}""")[1]);

    [Fact]
    public void Node_Roles_FromRoleLabels() =>
        Assert.Equal("control-plane,worker", Cells(BuiltInResources.Nodes, """{"metadata":{"name":"n","labels":{"node-role.kubernetes.io/worker":"","node-role.kubernetes.io/control-plane":""}}}""")[2]);

    [Fact]
    public void Deployment_Cells_ReadyUpToDateAvailableAndWide()
    {
        var cells = Cells(BuiltInResources.Deployments, """
            {"metadata":{"name":"web","creationTimestamp":"2026-11-20T02:56:40Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}]}}},
             "status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}
            """);

        Assert.Equal(["web", "2/3", "3", "2", "3m20s", "a,b", "a:1,b:2", "app=web"], cells);
    }

    [Fact]
    public void Hpa_Targets_ShowUtilizationAndUnknown()
    {
        var cells = Cells(BuiltInResources.HorizontalPodAutoscalers, """
            {"metadata":{"name":"web"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":10,
              "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},
                         {"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":80}}}]},
             "status":{"currentReplicas":10,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":95}}}]}}
            """);

        Assert.Equal(["web", "Deployment/web", "cpu: 95%/70%, memory: <unknown>/80%", "<unset>", "10", "10"], cells.Take(6));
    }

    [Fact]
    public void Event_Object_IsLowerKindSlashName()
    {
        var cells = Cells(BuiltInResources.Events, """
            {"metadata":{"name":"e"},"type":"Warning","reason":"BackOff","message":" Back-off ","involvedObject":{"kind":"Pod","name":"web-1"},
             "firstTimestamp":"2026-11-20T02:50:00Z","lastTimestamp":"2026-11-20T02:59:00Z","count":4,"source":{"component":"kubelet","host":"n1"}}
            """);

        Assert.Equal(["60s", "Warning", "BackOff", "pod/web-1", "", "kubelet, n1", "Back-off", "10m", "4", "e"], cells);
    }

    [Fact]
    public void Service_LoadBalancer_ShowsPendingAndNodePorts() =>
        Assert.Equal(["web", "LoadBalancer", "10.0.0.1", "<pending>", "80:30080/TCP"], Cells(BuiltInResources.Services, """
            {"metadata":{"name":"web"},"spec":{"type":"LoadBalancer","clusterIP":"10.0.0.1","ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}]}}
            """).Take(5));

    [Fact]
    public void Certificate_Ready_FromCondition() =>
        Assert.Equal(["shop-tls", "False", "shop-tls-secret"], Cells(BuiltInResources.Certificates, """
            {"metadata":{"name":"shop-tls"},"spec":{"secretName":"shop-tls-secret","issuerRef":{"name":"le"}},"status":{"conditions":[{"type":"Ready","status":"False","reason":"Expired"}]}}
            """).Take(3));
}
