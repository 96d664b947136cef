namespace OpsBot.Checks;

/// <summary>What became of an alert: posted, recorded under a mute, or already said by another run.</summary>
public enum AlertDelivery
{
    Posted,
    Muted,
    AlreadySaid,
}
