using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Stores a new object exactly as given (status included) and fills the metadata the server owns:
    /// name (from <c>generateName</c> when absent), uid, resourceVersion, creationTimestamp, generation.
    /// Returns a copy of what was stored; with <paramref name="dryRun"/> nothing is stored.
    /// </summary>
    public JsonObject Create(GroupVersionResource resource, JsonObject obj, bool dryRun = false)
    {
        var copy = obj.DeepClone().AsObject();
        var meta = ObjectMeta.Metadata(copy);
        lock (_lock)
        {
            var name = ObjectMeta.Name(copy);
            if (name.Length == 0 && ObjectMeta.GetString(meta, "generateName") is { Length: > 0 } prefix)
            {
                do
                {
                    name = GenerateName(prefix);
                }
                while (Find(resource, ObjectMeta.Namespace(copy), name) is not null);

                meta["name"] = name;
            }

            var ns = ObjectMeta.Namespace(copy);
            if (Find(resource, ns, name) is not null)
            {
                throw new StoreException(StoreErrorKind.AlreadyExists, resource, name, $"{resource.GroupResource} \"{name}\" already exists");
            }

            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now();
            meta["generation"] = 1L;
            meta.Remove("resourceVersion");
            if (dryRun)
            {
                return copy;
            }

            meta["resourceVersion"] = NextResourceVersion();
            Bucket(resource)[Key(ns, name)] = copy;
            Publish(WatchEventType.Added, resource, copy);
            return copy.DeepClone().AsObject();
        }
    }

    /// <summary>
    /// Replaces an object. When <c>metadata.resourceVersion</c> is set it must be the current one
    /// (<see cref="StoreErrorKind.Conflict"/> otherwise). uid, creationTimestamp and deletionTimestamp are kept;
    /// generation rises when <c>spec</c> changes. A write that changes nothing does not bump the resourceVersion.
    /// </summary>
    public JsonObject Update(GroupVersionResource resource, JsonObject obj, bool dryRun = false)
    {
        var copy = obj.DeepClone().AsObject();
        lock (_lock)
        {
            var name = ObjectMeta.Name(copy);
            var ns = ObjectMeta.Namespace(copy);
            var current = Find(resource, ns, name) ?? throw NotFound(resource, name);
            var sentVersion = ObjectMeta.ResourceVersion(copy);
            if (!string.IsNullOrEmpty(sentVersion) && sentVersion != ObjectMeta.ResourceVersion(current))
            {
                throw Conflict(resource, name);
            }

            return Replace(resource, current, copy, dryRun);
        }
    }

    /// <summary>
    /// Atomically reads, changes and writes one object (no resourceVersion precondition): the way
    /// controllers update status. <paramref name="change"/> receives a copy and returns the new object
    /// (it may change and return its argument); exceptions it throws abort the write.
    /// </summary>
    public JsonObject Modify(GroupVersionResource resource, string? ns, string name, Func<JsonObject, JsonObject> change, bool dryRun = false)
    {
        lock (_lock)
        {
            var current = Find(resource, ns, name) ?? throw NotFound(resource, name);
            var updated = change(current.DeepClone().AsObject());
            var meta = ObjectMeta.Metadata(updated);
            meta["name"] = name;
            if (!string.IsNullOrEmpty(ns))
            {
                meta["namespace"] = ns;
            }

            var sentVersion = ObjectMeta.ResourceVersion(updated);
            if (!string.IsNullOrEmpty(sentVersion) && sentVersion != ObjectMeta.ResourceVersion(current))
            {
                throw Conflict(resource, name);
            }

            return Replace(resource, current, updated, dryRun);
        }
    }

    /// <summary>Convenience for <see cref="Modify(GroupVersionResource, string?, string, Func{JsonObject, JsonObject}, bool)"/> with an in-place change.</summary>
    public JsonObject Modify(GroupVersionResource resource, string? ns, string name, Action<JsonObject> change) =>
        Modify(resource, ns, name, o =>
        {
            change(o);
            return o;
        });

    /// <summary>
    /// Deletes an object and (cascading) the objects that name it in their ownerReferences; deleting a
    /// namespace deletes everything in it. An object with finalizers is only marked with a deletionTimestamp.
    /// Returns the object as it was deleted (or marked).
    /// </summary>
    public JsonObject Delete(GroupVersionResource resource, string? ns, string name, bool dryRun = false, string? expectedUid = null)
    {
        lock (_lock)
        {
            var current = Find(resource, ns, name) ?? throw NotFound(resource, name);
            if (expectedUid is not null && expectedUid != ObjectMeta.Uid(current))
            {
                throw new StoreException(
                    StoreErrorKind.Conflict,
                    resource,
                    name,
                    $"Operation cannot be fulfilled on {resource.GroupResource} \"{name}\": Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {ObjectMeta.Uid(current)}");
            }

            if (dryRun)
            {
                return current.DeepClone().AsObject();
            }

            if (ObjectMeta.Finalizers(current).Count > 0)
            {
                var marked = current.DeepClone().AsObject();
                var meta = ObjectMeta.Metadata(marked);
                meta["deletionTimestamp"] ??= Now();
                meta["deletionGracePeriodSeconds"] ??= 0;
                return Replace(resource, current, marked, dryRun: false, marking: true);
            }

            return Remove(resource, current);
        }
    }

    /// <summary>
    /// Whether deleting an object deletes its dependents (ownerReferences) and a namespace its contents at once
    /// (default true). A garbage-collector controller that wants realistic timing turns this off and watches
    /// for DELETED events instead.
    /// </summary>
    public bool CascadeDeletes { get; set; } = true;

    /// <summary>Removes everything (objects and subscribers' history stay valid: deletions are published).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            foreach (var (resource, bucket) in _objects.ToList())
            {
                foreach (var obj in bucket.Values.ToList())
                {
                    Remove(resource, obj, cascade: false);
                }
            }
        }
    }

    private static StoreException Conflict(GroupVersionResource resource, string name) =>
        new(
            StoreErrorKind.Conflict,
            resource,
            name,
            $"Operation cannot be fulfilled on {resource.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    private JsonObject Replace(GroupVersionResource resource, JsonObject current, JsonObject updated, bool dryRun, bool marking = false)
    {
        var oldMeta = ObjectMeta.Metadata(current);
        var meta = ObjectMeta.Metadata(updated);
        string[] owned = marking ? ["uid", "creationTimestamp"] : ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"];
        foreach (var field in owned)
        {
            if (oldMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        var generation = ObjectMeta.Generation(current);
        meta["generation"] = JsonNode.DeepEquals(current["spec"], updated["spec"]) ? generation : generation + 1;
        meta["resourceVersion"] = ObjectMeta.ResourceVersion(current);
        if (JsonNode.DeepEquals(current, updated) || dryRun)
        {
            return updated;
        }

        // The last finalizer gone: the object goes. (A graceful deletion without finalizers stays until deleted.)
        if (meta["deletionTimestamp"] is not null && ObjectMeta.Finalizers(updated).Count == 0 && ObjectMeta.Finalizers(current).Count > 0)
        {
            return Remove(resource, updated);
        }

        meta["resourceVersion"] = NextResourceVersion();
        Bucket(resource)[Key(ObjectMeta.Namespace(updated), ObjectMeta.Name(updated))] = updated;
        Publish(WatchEventType.Modified, resource, updated, current);
        return updated.DeepClone().AsObject();
    }

    private JsonObject Remove(GroupVersionResource resource, JsonObject current, bool cascade = true)
    {
        var ns = ObjectMeta.Namespace(current);
        var name = ObjectMeta.Name(current);
        Bucket(resource).Remove(Key(ns, name));
        var deleted = current.DeepClone().AsObject();
        ObjectMeta.Metadata(deleted)["resourceVersion"] = NextResourceVersion();
        Publish(WatchEventType.Deleted, resource, deleted);
        if (cascade && CascadeDeletes)
        {
            DeleteDependents(resource, deleted);
        }

        return deleted.DeepClone().AsObject();
    }

    // Garbage collection, simplified: dependents (ownerReferences naming the uid) go at once; a
    // namespace takes its contents with it.
    private void DeleteDependents(GroupVersionResource resource, JsonObject deleted)
    {
        var uid = ObjectMeta.Uid(deleted);
        var isNamespace = resource == SimResources.Namespaces;
        var deletedName = ObjectMeta.Name(deleted);
        foreach (var (otherResource, bucket) in _objects.ToList())
        {
            foreach (var obj in bucket.Values.ToList())
            {
                var inNamespace = isNamespace && ObjectMeta.Namespace(obj) == deletedName;
                var owned = obj["metadata"]?["ownerReferences"] is JsonArray owners
                    && owners.Any(o => ObjectMeta.GetString(o, "uid") == uid);
                if ((inNamespace || owned) && Find(otherResource, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj)) is { } live)
                {
                    Remove(otherResource, live);
                }
            }
        }
    }

    private SortedDictionary<string, JsonObject> Bucket(GroupVersionResource resource)
    {
        if (!_objects.TryGetValue(resource, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[resource] = bucket;
        }

        return bucket;
    }

    private string NextResourceVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
}
