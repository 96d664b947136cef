using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Discovery;

/// <summary>
/// A minimal OpenAPI v3: the root index of group-versions, and per group-version the object paths with a PATCH
/// operation that names its GVK and declares the <c>fieldValidation</c> query parameter. That is what kubectl's
/// query-param verifier reads to use server-side validation (<c>kubectl apply</c> and <c>create</c> need it);
/// no schemas are served, so kubectl computes strategic patches from its built-in types.
/// </summary>
public static class OpenApiDocuments
{
    private const string Hash = "opsbot-sim-1";

    public static JsonObject Root(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var gv in registry.GroupVersions)
        {
            var key = gv.Contains('/', StringComparison.Ordinal) ? $"apis/{gv}" : $"api/{gv}";
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group-version (<c>api/v1</c>, <c>apis/apps/v1</c>), or null.</summary>
    public static JsonObject? GroupVersion(ResourceRegistry registry, string path)
    {
        var gv = path.StartsWith("api/", StringComparison.Ordinal) ? path[4..] : path.StartsWith("apis/", StringComparison.Ordinal) ? path[5..] : null;
        if (gv is null || !registry.ServesGroupVersion(gv))
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var d in registry.InGroupVersion(gv).Where(d => d.Verbs.Contains("patch")))
        {
            var url = d.Namespaced ? $"/{path}/namespaces/{{namespace}}/{d.Plural}/{{name}}" : $"/{path}/{d.Plural}/{{name}}";
            paths[url] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{d.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = d.Group, ["version"] = d.Version, ["kind"] = d.Kind },
                    ["parameters"] = new JsonArray(
                        Query("dryRun"),
                        Query("fieldManager"),
                        Query("fieldValidation"),
                        Query("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0-opsbot-sim" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
