namespace OpsBot.Chat.Delivery;

/// <summary>An inbound chat request being acknowledged (<see cref="AfterAckWork.Acknowledging"/>); disposing it ends that.</summary>
public readonly struct AckInProgress : IDisposable, IEquatable<AckInProgress>
{
    private readonly AfterAckWork? _work;

    internal AckInProgress(AfterAckWork work) => _work = work;

    public void Dispose() => _work?.Acknowledged();

    public bool Equals(AckInProgress other) => ReferenceEquals(_work, other._work);

    public override bool Equals(object? obj) => obj is AckInProgress other && Equals(other);

    public override int GetHashCode() => _work?.GetHashCode() ?? 0;

    public static bool operator ==(AckInProgress left, AckInProgress right) => left.Equals(right);

    public static bool operator !=(AckInProgress left, AckInProgress right) => !left.Equals(right);
}
