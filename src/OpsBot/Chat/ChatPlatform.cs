namespace OpsBot.Chat;

/// <summary>Where a request came from; user and channel ids are only meaningful within one platform.</summary>
public enum ChatPlatform
{
    Console,
    Slack,
    Teams,
}
