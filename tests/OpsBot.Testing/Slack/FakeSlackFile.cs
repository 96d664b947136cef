namespace OpsBot.Testing.Slack;

/// <summary>A file shared through the external upload (<c>files.completeUploadExternal</c>): what was uploaded and where it went.</summary>
public sealed record FakeSlackFile(string Id, string Filename, string? Title, string Channel, string? ThreadTs, string? InitialComment, byte[] Content);
