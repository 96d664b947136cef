using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Commands;

/// <summary>
/// A button that runs a command as the person who pressed it: triage's suggested actions
/// (<c>/rollback deploy/frontend --to-revision 2</c>) and "more" buttons. The command goes through the
/// whole pipeline (parse, authorize as the presser), so a forged value is no more than typing it.
/// </summary>
public sealed class RunCommandButton : IButtonHandler
{
    /// <summary>The button's action id; its value is the command text.</summary>
    public const string ActionId = "command.run";

    private readonly IServiceProvider _services;

    // The pipeline itself is resolved lazily: it depends on every button handler, this one included.
    public RunCommandButton(IServiceProvider services) => _services = services;

    public string ActionPrefix => ActionId;

    /// <summary>A button that runs <paramref name="command"/> when pressed.</summary>
    public static ChatButton For(string text, string command) => new(ActionId, text, command);

    public Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(button);
        var pipeline = _services.GetRequiredService<IChatPipeline>();
        return pipeline.HandleAsync(request with { Text = button.Value, Button = null }, cancellationToken);
    }
}
