namespace OpsBot.Testing;

/// <summary>The key type of a generated test certificate.</summary>
public enum TestKeyAlgorithm
{
    Rsa,
    Ecdsa,
}
