namespace OpsBot.Teams;

/// <summary>The signing keys could not be loaded and none are cached: inbound tokens cannot be checked.</summary>
public sealed class SigningKeysUnavailableException(string message, Exception innerException) : Exception(message, innerException);
