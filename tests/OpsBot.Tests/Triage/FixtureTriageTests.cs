using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Serialization;
using OpsBot.Testing;

namespace OpsBot.Tests.Triage;

/// <summary>
/// Real Kubernetes objects (../shared/fixtures/k8s, see its INDEX.md) served by ClusterSim with controllers off, exactly
/// as recorded, and triaged through the real client: each shows the finding its INDEX says it shows.
/// </summary>
public sealed partial class FixtureTriageTests
{
    [Theory]
    [InlineData("pod-oomkilled-exit137-state-terminated.json", "OOMKilled")]
    [InlineData("pod-oomkilled-laststate.yaml", "OOMKilled")]
    [InlineData("pod-crashloopbackoff.json", "CrashLoopBackOff")]
    [InlineData("pod-crashloopbackoff.yaml", "CrashLoopBackOff")]
    [InlineData("pod-imagepullbackoff.yaml", "ImagePullFailed")]
    [InlineData("pod-pending-unschedulable-insufficient.json", "InsufficientCapacity")]
    [InlineData("pod-evicted.yaml", "PodsEvicted")]
    [InlineData("deployment-progressdeadlineexceeded.yaml", "ProgressDeadlineExceeded")]
    [InlineData("deployment-progressdeadlineexceeded-ishealthy.yaml", "ProgressDeadlineExceeded")]
    [InlineData("cert-manager-certificate-expired.yaml", "CertificateExpired")]
    [InlineData("events-unhealthy-killing-backoff-failedscheduling.json", "LivenessProbeFailing")]
    [InlineData("pod-errimagepull.json+events-imagepull-backoff-failedscheduling.json", "ImagePullUnreachable")]
    public async Task Fixture_YieldsItsFinding(string files, string kind)
    {
        var texts = files.Split('+').Select(file => SharedFixtures.ReadText("k8s", file)).ToList();
        var now = texts.Select(Latest).Max().AddMinutes(10);
        var documents = texts.SelectMany(text => Objects(Relative(text, now))).ToList();
        var ns = documents.Select(d => (string?)d["metadata"]?["namespace"]).First(n => n is not null)!;
        await using var cluster = await TriageCluster.RecordedAsync(now, sim => Load(sim, documents));

        var answer = await cluster.AskAsync($"/triage -n {ns} --since 1d");

        Assert.Contains(kind, answer.Kinds);
        var finding = answer.Findings.First(f => (string?)f["kind"] == kind);
        Assert.NotEmpty(finding["evidence"]!.AsArray());
        Assert.NotEqual("info", (string?)finding["severity"]);
    }

    [Fact]
    public async Task CertificateBeingRenewed_IsNotReportedExpired()
    {
        var documents = Objects(SharedFixtures.ReadText("k8s", "cert-manager-certificate-renewal.yaml")).ToList();
        var ns = (string)documents[0]["metadata"]!["namespace"]!;
        // Read while it renews (its Issuing condition's time), not after its notAfter.
        var now = DateTimeOffset.Parse((string)documents[0]["status"]!["conditions"]![1]!["lastTransitionTime"]!, CultureInfo.InvariantCulture).AddMinutes(10);
        await using var cluster = await TriageCluster.RecordedAsync(now, sim => Load(sim, documents));

        var answer = await cluster.AskAsync($"/triage -n {ns}");

        Assert.DoesNotContain("CertificateExpired", answer.Kinds);
    }

    private static IEnumerable<JsonObject> Objects(string text)
    {
        foreach (var document in YamlToJson.ConvertDocuments(text).OfType<JsonObject>())
        {
            var kind = (string?)document["kind"];
            if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && document["items"] is JsonArray items)
            {
                foreach (var item in items.OfType<JsonObject>())
                {
                    var copy = item.DeepClone().AsObject();
                    copy["apiVersion"] ??= (string?)document["apiVersion"] ?? "v1";
                    copy["kind"] ??= kind[..^"List".Length];
                    yield return copy;
                }
            }
            else
            {
                yield return document;
            }
        }
    }

    private static void Load(ClusterSimulator sim, IEnumerable<JsonObject> documents)
    {
        var list = documents.ToList();
        foreach (var ns in list.Select(d => (string?)d["metadata"]?["namespace"]).Where(n => n is not null).Distinct())
        {
            sim.Manifests.ApplyText($$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{ns}}"} }""");
        }

        foreach (var document in list)
        {
            sim.Manifests.Apply(document);
        }
    }

    private static DateTimeOffset Latest(string text) =>
        Timestamp().Matches(text).Select(m => DateTimeOffset.Parse(m.Value, CultureInfo.InvariantCulture)).Max();

    /// <summary>The is-healthy test data writes times as <c>"@now-2h"</c>: they become times before <paramref name="now"/>.</summary>
    private static string Relative(string text, DateTimeOffset now) =>
        NowPlaceholder().Replace(text, m =>
        {
            var amount = m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
            var offset = m.Groups["unit"].Value switch { "s" => TimeSpan.FromSeconds(amount), "m" => TimeSpan.FromMinutes(amount), "h" => TimeSpan.FromHours(amount), "d" => TimeSpan.FromDays(amount), _ => TimeSpan.Zero };
            return (now - offset).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        });

    [GeneratedRegex(@"@now(?:-(?<n>\d+)(?<unit>[smhd]))?")]
    private static partial Regex NowPlaceholder();

    [GeneratedRegex(@"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ")]
    private static partial Regex Timestamp();
}
