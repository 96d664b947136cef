using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

public sealed class ExploreTests
{
    [Fact]
    public async Task Explore_Dump()
    {
        await using var c = await SeededCluster.StartAsync();
        c.Simulator.Clock.Advance(TimeSpan.FromMinutes(3));
        var ns = SeededCluster.Namespace;
        c.Simulator.Metrics.SetContainerUsage(ns, SeededCluster.RunningPod, "frontend", 212, 300L * 1024 * 1024);
        c.Simulator.Metrics.SetContainerUsage(ns, SeededCluster.CrashingPod, "frontend", 480, 505L * 1024 * 1024);
        c.Simulator.Metrics.SetNodeUsage("ip-10-0-1-11.ec2.internal", 1200, 6L * 1024 * 1024 * 1024);
        c.Simulator.Metrics.SetNodeUsage("ip-10-0-2-22.ec2.internal", 2900, 12L * 1024 * 1024 * 1024);
        await File.WriteAllTextAsync("/tmp/apply.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: checkout-config
              namespace: ecommerce-production
            data:
              RETRIES: "3"
              ENABLED: "true"
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: checkout
              namespace: ecommerce-production
              labels:
                app: checkout
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: checkout
              template:
                metadata:
                  labels:
                    app: checkout
                spec:
                  containers:
                  - name: checkout
                    image: registry.example.com/shop/checkout:1.4.2
                    env:
                    - name: A
                      value: "1"
                    ports:
                    - containerPort: 8080
            """);
        var commands = new[]
        {
            "apply -f /tmp/apply.yaml", "apply -f /tmp/apply.yaml", "get deploy checkout -o json -n " + ns, "top pods -n " + ns, "top nodes", "top pod -l app=frontend -n " + ns,
            "get pods -w --request-timeout=3s -n " + ns,
            "get pods -A", "get pods -o wide -n " + ns, "get deploy,rs,hpa,nodes,events,ing,secrets -n " + ns, "get pods -l app=frontend -n " + ns,
            "get nodes -o wide", "get pod missing", "describe pod " + SeededCluster.CrashingPod + " -n " + ns, "describe node ip-10-0-1-11.ec2.internal",
            "describe deploy frontend -n " + ns, "logs " + SeededCluster.CrashingPod + " -n " + ns, "logs --previous " + SeededCluster.CrashingPod + " -n " + ns,
            "logs --tail 2 " + SeededCluster.RunningPod + " -n " + ns, "get pods -o name -n " + ns, "get hpa frontend -o yaml -n " + ns,
            "scale deploy frontend --replicas 5 -n " + ns, "cordon ip-10-0-2-22.ec2.internal", "get nodes", "uncordon ip-10-0-2-22.ec2.internal",
            "patch deploy frontend -n " + ns + " --type merge -p {\"metadata\":{\"labels\":{\"x\":\"y\"}}}",
            "patch deploy frontend -n " + ns + " --type json -p [{\"op\":\"add\",\"path\":\"/metadata/labels/z\",\"value\":\"1\"}]",
            "patch deploy frontend -n " + ns + " --type strategic -p {\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"frontend\",\"image\":\"x:2\"}]}}}}",
            "get deploy frontend -o wide -n " + ns, "delete pod " + SeededCluster.PendingPod + " -n " + ns, "get pods -n " + ns, "top pods -n " + ns, "top nodes",
            "describe hpa frontend -n " + ns, "get events -n " + ns, "get svc,cm,lease -A",
        };
        var output = new System.Text.StringBuilder();
        foreach (var command in commands)
        {
            var r = await c.Kubectl.RunAsync(command.Split(' '), null);
            output.Append("$ kubectl ").Append(command).Append(" [rc=").Append(r.ExitCode).Append("]\n").Append(r.StdOut).Append(r.StdErr).Append('\n');
        }

        await File.WriteAllTextAsync("/tmp/explore.txt", output.ToString());
    }
}
