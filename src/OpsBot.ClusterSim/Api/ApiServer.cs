using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OpsBot.ClusterSim.Api.Discovery;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Logs;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

/// <summary>
/// The simulated Kubernetes API server's request handling: version and health, legacy discovery,
/// CRUD, list/watch, patches, the status/scale/log subresources, metrics.k8s.io, Tables, Status errors
/// and fault injection. Mounted as the terminal middleware of the simulator's Kestrel host.
/// </summary>
public sealed partial class ApiServer
{
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;
    private readonly IPodLogStore _logs;
    private readonly IMetricsSource _metrics;
    private readonly FaultInjector _faults;
    private readonly ApiServerOptions _options;
    private readonly SerializedObjects _serialized = new();

    public ApiServer(ObjectStore store, ResourceRegistry registry, IPodLogStore logs, IMetricsSource metrics, FaultInjector faults, ApiServerOptions? options = null)
    {
        _store = store;
        _registry = registry;
        _logs = logs;
        _metrics = metrics;
        _faults = faults;
        _options = options ?? new ApiServerOptions();
    }

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            await DispatchAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteStatusAsync(context, e.Status, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException e) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteStatusAsync(context, StatusErrors.FromStore(e), cancellationToken).ConfigureAwait(false);
        }
        catch (SelectorParseException e) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteStatusAsync(context, StatusErrors.BadRequest(e.Message), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away (watches end this way).
        }
        catch (Exception e) when (!context.Response.HasStarted && e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            // A body with the wrong JSON types (a number where a string belongs, …): what the real server calls a decoding error.
            await JsonResponses.WriteStatusAsync(context, StatusErrors.BadRequest($"the request could not be decoded: {e.Message}"), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(HttpContext context, CancellationToken cancellationToken)
    {
        Admit(context);
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        var method = context.Request.Method;
        switch (path)
        {
            case "/version":
                await JsonResponses.WriteAsync(context, 200, DiscoveryDocuments.Version(), cancellationToken).ConfigureAwait(false);
                return;
            case "/healthz" or "/readyz" or "/livez":
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", cancellationToken).ConfigureAwait(false);
                return;
            case "/api":
                var host = context.Request.Host.HasValue ? context.Request.Host.Value! : "127.0.0.1";
                await JsonResponses.WriteAsync(context, 200, DiscoveryDocuments.ApiVersions(host), cancellationToken).ConfigureAwait(false);
                return;
            case "/apis":
                await JsonResponses.WriteAsync(context, 200, DiscoveryDocuments.GroupList(_registry), cancellationToken).ConfigureAwait(false);
                return;
            case "/openapi/v2":
                if (context.Request.Headers.Accept.ToString().Contains("protobuf", StringComparison.Ordinal))
                {
                    context.Response.ContentType = OpenApiV2Document.ProtobufContentType;
                    await context.Response.Body.WriteAsync(OpenApiV2Document.Protobuf(_registry), cancellationToken).ConfigureAwait(false);
                    return;
                }

                await JsonResponses.WriteAsync(context, 200, OpenApiV2Document.Json(_registry), cancellationToken).ConfigureAwait(false);
                return;
            case "/openapi/v3":
                await JsonResponses.WriteAsync(context, 200, OpenApiDocuments.Root(_registry), cancellationToken).ConfigureAwait(false);
                return;
            case var p when p.StartsWith("/openapi/v3/", StringComparison.Ordinal):
                var document = OpenApiDocuments.GroupVersion(_registry, p["/openapi/v3/".Length..]) ?? throw new ApiException(StatusErrors.ResourceNotFound());
                await JsonResponses.WriteAsync(context, 200, document, cancellationToken).ConfigureAwait(false);
                return;
            case "/sim/faults":
                await HandleFaultsAsync(context, method, cancellationToken).ConfigureAwait(false);
                return;
            case "/sim/watches/drop" or "/sim/compact":
                await HandleWatchFaultAsync(context, path, method, cancellationToken).ConfigureAwait(false);
                return;
            case "/sim/scenarios" or "/sim/clock" or "/sim/clock/advance":
            case var s when s.StartsWith("/sim/scenarios/", StringComparison.Ordinal):
                await HandleSimulationAsync(context, path, method, cancellationToken).ConfigureAwait(false);
                return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string groupVersion;
        IReadOnlyList<string> rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            groupVersion = segments[1];
            rest = segments[2..];
        }
        else if (segments.Length == 2 && segments[0] == "apis")
        {
            var group = DiscoveryDocuments.Group(_registry, segments[1]) ?? throw new ApiException(StatusErrors.ResourceNotFound());
            await JsonResponses.WriteAsync(context, 200, group, cancellationToken).ConfigureAwait(false);
            return;
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            groupVersion = $"{segments[1]}/{segments[2]}";
            rest = segments[3..];
        }
        else
        {
            throw new ApiException(StatusErrors.ResourceNotFound());
        }

        if (!_registry.ServesGroupVersion(groupVersion))
        {
            throw new ApiException(StatusErrors.ResourceNotFound());
        }

        if (rest.Count == 0)
        {
            await JsonResponses.WriteAsync(context, 200, DiscoveryDocuments.ResourceList(_registry, groupVersion), cancellationToken).ConfigureAwait(false);
            return;
        }

        var resourcePath = ResourcePath.Parse(_registry, groupVersion, rest) ?? throw new ApiException(StatusErrors.ResourceNotFound());
        var request = new ApiRequest(context, resourcePath, VerbOf(method, resourcePath, context));
        await InjectFaultsAsync(request, cancellationToken).ConfigureAwait(false);
        await HandleResourceAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static string VerbOf(string method, ResourcePath path, HttpContext context)
    {
        var watch = context.Request.Query["watch"].Any(v => v is "true" or "1");
        return method switch
        {
            "GET" when path.Name is null => watch ? "watch" : "list",
            "GET" => "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" when path.Name is null => "deletecollection",
            "DELETE" => "delete",
            _ => "unknown",
        };
    }

    private Task HandleResourceAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        if (!definition.Verbs.Contains(request.Verb) && !(request.Path.Subresource is not null && request.Verb is "get" or "update" or "patch"))
        {
            throw new ApiException(StatusErrors.MethodNotAllowed());
        }

        if (definition.IsMetrics)
        {
            return HandleMetricsAsync(request, cancellationToken);
        }

        if (definition.IsReview)
        {
            return HandleReviewAsync(request, cancellationToken);
        }

        if (request.Path.Subresource is { } sub)
        {
            if (!definition.Subresources.Contains(sub))
            {
                throw new ApiException(StatusErrors.ResourceNotFound());
            }

            return (sub, request.Verb) switch
            {
                ("log", "get") => HandleLogAsync(request, cancellationToken),
                ("eviction", "create") => HandleEvictionAsync(request, cancellationToken),
                ("token", "create") => HandleTokenRequestAsync(request, cancellationToken),
                ("scale", _) => HandleScaleAsync(request, cancellationToken),
                ("status", "get") => HandleGetAsync(request, cancellationToken),
                ("status", "update") => HandleUpdateAsync(request, statusOnly: true, cancellationToken),
                ("status", "patch") => HandlePatchAsync(request, statusOnly: true, cancellationToken),
                _ => throw new ApiException(StatusErrors.MethodNotAllowed()),
            };
        }

        return request.Verb switch
        {
            "get" => HandleGetAsync(request, cancellationToken),
            "list" => HandleListAsync(request, cancellationToken),
            "watch" => HandleWatchAsync(request, cancellationToken),
            "create" => HandleCreateAsync(request, cancellationToken),
            "update" => HandleUpdateAsync(request, statusOnly: false, cancellationToken),
            "patch" => HandlePatchAsync(request, statusOnly: false, cancellationToken),
            "delete" => HandleDeleteAsync(request, cancellationToken),
            "deletecollection" => HandleDeleteCollectionAsync(request, cancellationToken),
            _ => throw new ApiException(StatusErrors.MethodNotAllowed()),
        };
    }

    private async Task InjectFaultsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var p = request.Path;
        var decision = _faults.Evaluate(request.Verb, p.Definition.Group, p.Definition.Plural, p.Subresource, p.Namespace, p.Name);
        if (decision.Delay > TimeSpan.Zero)
        {
            await Task.Delay(decision.Delay, cancellationToken).ConfigureAwait(false);
        }

        if (decision.Failure is not { } rule)
        {
            return;
        }

        var name = p.Name ?? "";
        var status = rule.StatusCode switch
        {
            429 => StatusErrors.TooManyRequests(rule.RetryAfterSeconds),
            409 => StatusErrors.Conflict(p.Definition.Resource, name, rule.Message ?? $"Operation cannot be fulfilled on {p.Definition.Resource.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again"),
            503 => StatusErrors.ServiceUnavailable(rule.Message ?? "the server is currently unable to handle the request"),
            404 => StatusErrors.NotFound(p.Definition.Resource, name),
            _ => StatusErrors.Status(rule.StatusCode, rule.StatusCode == 500 ? "InternalError" : "", rule.Message ?? "Internal error occurred: injected fault"),
        };
        if (rule.StatusCode is 429 or 503)
        {
            request.Context.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new ApiException(status);
    }

    private void RequireNamespace(ApiRequest request)
    {
        if (request.Definition.Namespaced && request.Path.Namespace is { } ns && _store.TryGet(SimResources.Namespaces, null, ns) is null)
        {
            throw new ApiException(StatusErrors.NotFound(SimResources.Namespaces, ns));
        }
    }

    private static JsonObject SuccessStatus(ResourceDefinition definition, string name, string? uid)
    {
        var details = StatusErrors.Details(definition.Resource, name);
        if (uid is not null)
        {
            details["uid"] = uid;
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }
}
