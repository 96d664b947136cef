using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Tests.Client;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Rollouts;

/// <summary>
/// A deployment "web" at revision 3 (image web:v3) with ReplicaSets for revisions 1–3, plus two
/// ReplicaSets that match the selector but are not controlled by it (they must be ignored).
/// </summary>
internal sealed class FakeDeploymentApi
{
    public JsonObject Deployment { get; } = JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","namespace":"shop","uid":"dep-uid","resourceVersion":"300","generation":3,
           "annotations":{"deployment.kubernetes.io/revision":"3","kubectl.kubernetes.io/last-applied-configuration":"{\"kind\":\"Deployment\"}","team":"payments"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
           "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"web:v3","resources":{"limits":{"memory":"512Mi"}}}]}}},
         "status":{"observedGeneration":3,"replicas":3,"updatedReplicas":3,"availableReplicas":3}}
        """)!.AsObject();

    public List<JsonObject> ReplicaSets { get; } =
    [
        ReplicaSet("web-aaa", revision: "1", image: "web:v1", ownerUid: "dep-uid"),
        ReplicaSet("web-bbb", revision: "2", image: "web:v2", ownerUid: "dep-uid", changeCause: "deploy v2"),
        ReplicaSet("web-ccc", revision: "3", image: "web:v3", ownerUid: "dep-uid"),
        ReplicaSet("other-ddd", revision: "9", image: "other:v9", ownerUid: "someone-else"),
        ReplicaSet("adopted-eee", revision: "8", image: "web:v8", ownerUid: "dep-uid", controller: false),
    ];

    public static JsonObject ReplicaSet(string name, string revision, string image, string ownerUid, string? changeCause = null, bool controller = true)
    {
        var annotations = new JsonObject { ["deployment.kubernetes.io/revision"] = revision, ["deployment.kubernetes.io/desired-replicas"] = "3" };
        if (changeCause is not null)
        {
            annotations["kubernetes.io/change-cause"] = changeCause;
        }

        var hash = name.Split('-')[1];
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = "shop",
                ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = hash },
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = ownerUid, ["controller"] = controller }),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = hash } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = hash } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image, ["resources"] = new JsonObject { ["limits"] = new JsonObject { ["memory"] = "512Mi" } } }) },
                },
            },
        };
    }

    public void Serve(LoopbackServer server) => server.Handler = context =>
    {
        var request = (Method: context.Request.Method, PathAndQuery: context.Request.Path + context.Request.QueryString.ToString());
        if (request.Method == "GET" && request.PathAndQuery == "/apis/apps/v1/namespaces/shop/deployments/web")
        {
            return ApiResponses.Json(context, Deployment.ToJsonString());
        }

        if (request.Method == "GET" && request.PathAndQuery.StartsWith("/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app%3Dweb", StringComparison.Ordinal))
        {
            var list = new JsonObject { ["kind"] = "ReplicaSetList", ["apiVersion"] = "apps/v1", ["metadata"] = new JsonObject { ["resourceVersion"] = "301" }, ["items"] = new JsonArray([.. ReplicaSets.Select(rs => rs.DeepClone())]) };
            return ApiResponses.Json(context, list.ToJsonString());
        }

        if (request.Method == "PATCH" && request.PathAndQuery == "/apis/apps/v1/namespaces/shop/deployments/web")
        {
            return ApiResponses.Json(context, Deployment.ToJsonString());
        }

        return ApiResponses.Json(context, ApiResponses.Status(404, "NotFound", "unexpected " + request.PathAndQuery), 404);
    };
}
