using System.Collections;

namespace OpsBot.Operations;

/// <summary>
/// The logging scope of one chat request: <c>CorrelationId</c> (also in the audit log and on the request's span) and
/// <c>Platform</c>. A list of pairs, so the JSON console formatter writes them as properties of the scope.
/// </summary>
public sealed class CorrelationScope(string correlationId, string platform) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _pairs = [new("CorrelationId", correlationId), new("Platform", platform)];

    public string CorrelationId => correlationId;

    public int Count => _pairs.Length;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"CorrelationId:{correlationId} Platform:{platform}";
}
