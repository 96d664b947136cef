using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Serialization;
using OpsBot.Testing;

namespace OpsBot.Tests.Deploy;

/// <summary>
/// An overlay of <c>manifests/kubernetes</c> as the real <c>kubectl kustomize</c> renders it (fresh cache per run):
/// the objects, and what kubectl printed on stderr (kustomize 5's deprecation warnings).
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(string directory, IReadOnlyList<JsonObject> objects, string warnings)
    {
        Directory = directory;
        Objects = objects;
        Warnings = warnings;
    }

    /// <summary>The overlays operators apply (<c>kubectl apply -k manifests/kubernetes/overlays/NAME</c>).</summary>
    public static TheoryData<string> Overlays => new() { "single", "ha" };

    /// <summary><c>manifests/kubernetes</c> of this repository.</summary>
    public static string Root => Path.Combine(RepositoryRoot.Find(), "manifests", "kubernetes");

    /// <summary>The kustomization directory that was rendered.</summary>
    public string Directory { get; }

    public IReadOnlyList<JsonObject> Objects { get; }

    public string Warnings { get; }

    /// <summary>Renders <c>manifests/kubernetes/overlays/NAME</c>.</summary>
    public static Task<RenderedManifests> OverlayAsync(string overlay) => RenderAsync(Path.Combine(Root, "overlays", overlay));

    /// <summary>Renders any kustomization directory with the kubectl on PATH.</summary>
    public static async Task<RenderedManifests> RenderAsync(string directory)
    {
        using var temp = new TempDirectory();
        // kustomize reads no kubeconfig, but KubectlRunner always names one.
        var kubeconfig = temp.Write("kubeconfig", "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
        using var kubectl = new KubectlRunner(kubeconfig);
        var result = (await kubectl.RunAsync("kustomize", directory)).EnsureSuccess();
        var objects = YamlToJson.ConvertDocuments(result.StdOut).Select(node => node.AsObject()).ToList();
        return new RenderedManifests(directory, objects, result.StdErr);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The one object of this kind and name; fails the test when there is none or several.</summary>
    public JsonObject Single(string kind, string name) =>
        Assert.Single(OfKind(kind), o => Name(o) == name);

    /// <summary>The one object of this kind; fails the test when there is none or several.</summary>
    public JsonObject Single(string kind) => Assert.Single(OfKind(kind));

    public JsonObject Deployment => Single("Deployment", "opsbot");

    public JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container => Assert.Single(PodSpec["containers"]!.AsArray().Select(c => c!.AsObject()), c => (string?)c["name"] == "opsbot");

    /// <summary>The container's environment variable of that name; fails the test when it is missing.</summary>
    public JsonObject Env(string name) =>
        Assert.Single(Container["env"]!.AsArray().Select(e => e!.AsObject()), e => (string?)e["name"] == name);

    public static string Name(JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";

    public static string? Namespace(JsonObject obj) => (string?)obj["metadata"]?["namespace"];

    /// <summary><c>kind/name</c> (<c>namespace</c>), for assertion messages.</summary>
    public static string Describe(JsonObject obj) => $"{obj["kind"]}/{Name(obj)}" + (Namespace(obj) is { } ns ? $" in {ns}" : "");
}
