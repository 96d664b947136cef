using System.ComponentModel.DataAnnotations;

namespace OpsBot.Slack;

/// <summary>
/// The Slack app's credentials and the adapter's settings, bound from the <c>Slack</c> section
/// (environment variables <c>Slack__SigningSecret</c>, <c>Slack__BotToken</c>, <c>Slack__AppToken</c>).
/// Slack switches on when <see cref="SigningSecret"/> + <see cref="BotToken"/> (HTTP) or
/// <see cref="AppToken"/> + <see cref="BotToken"/> (Socket Mode) are set; <see cref="SlackOptionsValidator"/>
/// checks them at start.
/// </summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Slack's default Web API base URL.</summary>
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>The app's signing secret (Basic Information → App Credentials); verifies every HTTP request from Slack.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot user OAuth token (<c>xoxb-…</c>) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (<c>xapp-…</c>, scope <c>connections:write</c>) for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Where the Web API lives (tests point it at a fake Slack).</summary>
    /// <value>The default value is <c>https://slack.com/api/</c>.</value>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Socket Mode connections held open at once; Slack load-balances envelopes across them.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 10)]
    public int SocketModeConnections { get; set; } = 2;

    /// <summary>
    /// How long the ack of a slash command may wait for its reply, when no other command is in progress: a reply ready by
    /// then is the ack itself; otherwise the ack is empty and the reply follows through <c>response_url</c>.
    /// Short, so that acks stay fast under load (Slack allows 3 s in all).
    /// </summary>
    /// <value>The default value is 40 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:02")]
    public TimeSpan InlineReplyBudget { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>A reply not ready after this long is preceded by a "working…" placeholder, which it then replaces.</summary>
    /// <value>The default value is 1.5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PlaceholderDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Commands, buttons and events the pipeline runs at once; more wait their turn.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, 256)]
    public int MaxConcurrentCommands { get; set; } = 8;

    /// <summary>The least time between two messages the bot posts to one channel (Slack allows about one per second).</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ChannelPostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often one Web API call is retried when it provably did not land (see docs/SLACK.md).</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The longest <c>Retry-After</c> the client waits out; longer waits fail the call instead.</summary>
    /// <value>The default value is 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Serves HTTP requests from Slack (<c>/slack/*</c>): a signing secret and a bot token are set.</summary>
    public bool UsesHttp => !string.IsNullOrWhiteSpace(SigningSecret);

    /// <summary>Holds Socket Mode connections: an app token is set.</summary>
    public bool UsesSocketMode => !string.IsNullOrWhiteSpace(AppToken);

    /// <summary>Any Slack credential is configured (then the combination must be complete).</summary>
    public bool IsConfigured => UsesHttp || UsesSocketMode || !string.IsNullOrWhiteSpace(BotToken);
}
