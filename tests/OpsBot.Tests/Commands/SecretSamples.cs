namespace OpsBot.Tests.Commands;

/// <summary>
/// One made-up sample of each secret shape LogRedactor hides (the shapes of secretlint's recommended preset 13.0.7 and
/// gitleaks' default rules, see LogRedactor.Patterns.cs), built at run time so that no scanner mistakes this file for a
/// leak. <see cref="Secret"/> is the part that must never reach a channel; <see cref="Label"/> what replaces it.
/// </summary>
internal static class SecretSamples
{
    public sealed record Sample(string Name, string Text, string Secret, string Label);

    public static IReadOnlyList<Sample> All { get; } =
    [
        Token("aws access key", "AKIA", Upper(16), "[REDACTED AWS KEY]"),
        Token("aws temporary key", "ASIA", Upper(16), "[REDACTED AWS KEY]"),
        Token("slack bot token", "xoxb-", "1234567890-1234567890123-" + Mixed(24), "[REDACTED SLACK TOKEN]"),
        Token("slack user token", "xoxp-", "1234567890-1234567890-1234567890123-" + Hex(32), "[REDACTED SLACK TOKEN]"),
        Token("slack app token", "xapp-", "1-A0123456789-1234567890123-" + Hex(64), "[REDACTED SLACK TOKEN]"),
        Token("slack legacy token", "xoxs-", "1234567890-1234567890-1234567890-" + Hex(32), "[REDACTED SLACK TOKEN]"),
        Token("slack workspace token", "xoxa-", "2-1234567890-" + Mixed(32), "[REDACTED SLACK TOKEN]"),
        Token("slack config refresh token", "xoxe-", "1-" + Mixed(146), "[REDACTED SLACK TOKEN]"),
        Token("slack webhook", "https://hooks.slack.com/services/", "T0ABCDEFG/B0ABCDEFG/" + Mixed(24), "[REDACTED SLACK TOKEN]"),
        Token("stripe live key", "sk_live_", Mixed(24), "[REDACTED STRIPE KEY]"),
        Token("stripe test key", "sk_test_", Mixed(24), "[REDACTED STRIPE KEY]"),
        Token("stripe restricted key", "rk_live_", Mixed(24), "[REDACTED STRIPE KEY]"),
        Token("github classic token", "ghp_", Mixed(36), "[REDACTED GITHUB TOKEN]"),
        Token("github oauth token", "gho_", Mixed(36), "[REDACTED GITHUB TOKEN]"),
        Token("github fine-grained token", "github_pat_", Mixed(22) + "_" + Mixed(59), "[REDACTED GITHUB TOKEN]"),
        Token("gitlab token", "glpat-", Mixed(20), "[REDACTED GITLAB TOKEN]"),
        Token("google api key", "AIza", "Sy" + Mixed(33), "[REDACTED GOOGLE API KEY]"),
        Token("jwt", "eyJ", "hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6Ik9wc0JvdCJ9." + Mixed(43), "[REDACTED JWT]"),
        Token("openai project key", "sk-proj-", Mixed(74) + "T3BlbkFJ" + Mixed(74), "[REDACTED OPENAI KEY]"),
        Token("openai legacy key", "sk-", Mixed(20) + "T3BlbkFJ" + Mixed(20), "[REDACTED OPENAI KEY]"),
        Token("anthropic key", "sk-ant-api03-", Mixed(93) + "AA", "[REDACTED ANTHROPIC KEY]"),
        Token("npm token", "npm_", Mixed(36), "[REDACTED NPM TOKEN]"),
        Token("pypi token", "pypi-AgEIcHlwaS5vcmc", Mixed(60), "[REDACTED PYPI TOKEN]"),
        Token("sendgrid key", "SG.", Mixed(22) + "." + Mixed(43), "[REDACTED SENDGRID KEY]"),
        Token("hugging face token", "hf_", Letters(34), "[REDACTED HUGGING FACE TOKEN]"),
        Token("groq key", "gsk_", Mixed(52), "[REDACTED GROQ KEY]"),
        Token("docker token", "dckr_pat_", Mixed(27), "[REDACTED DOCKER TOKEN]"),
        Token("vault service token", "hvs.", Mixed(95), "[REDACTED VAULT TOKEN]"),
        Token("grafana cloud token", "glc_", Mixed(40), "[REDACTED GRAFANA TOKEN]"),
        Token("grafana service account token", "glsa_", Mixed(32) + "_" + Hex(8), "[REDACTED GRAFANA TOKEN]"),
        Token("shopify token", "shpat_", Hex(32), "[REDACTED SHOPIFY TOKEN]"),
        Token("databricks token", "dapi", Hex(32), "[REDACTED DATABRICKS TOKEN]"),
        Token("linear key", "lin_api_", Mixed(40), "[REDACTED LINEAR KEY]"),
        Token("digitalocean token", "dop_v1_", Hex(64), "[REDACTED DIGITALOCEAN TOKEN]"),
        Wrapped("url password with empty user", "redis://:", "Pw" + Mixed(14), "@cache:6379/0", "redis://:[REDACTED]@cache:6379/0"),
        Wrapped("url password", "postgres://shop:", "Pw" + Mixed(14), "@db:5432/shop", "postgres://shop:[REDACTED]@db:5432/shop"),
        Wrapped("url password with an @", "amqp://app:", "Pw@" + Mixed(10), "@rabbit:5672", "amqp://app:[REDACTED]@rabbit:5672"),
        Wrapped("--password and a space", "mysqladmin --password ", "Pw" + Mixed(12), " status", "mysqladmin --password [REDACTED] status"),
        Wrapped("-p and a space", "mysql -u root -p ", "Pw" + Mixed(12), " shop", "mysql -u root -p [REDACTED] shop"),
        Wrapped("--token quoted", "vault login --token \"", "two " + Mixed(10) + " words", "\" -method=token", "vault login --token \"[REDACTED]\" -method=token"),
        Wrapped("quoted password with spaces", "password=\"", "two " + Mixed(10) + " words", "\" user=bob", "password=\"[REDACTED]\" user=bob"),
        Wrapped("single-quoted secret with spaces", "client_secret: '", "two " + Mixed(10) + " words", "' ok", "client_secret: '[REDACTED]' ok"),
        Wrapped("escaped JSON password", "{\\\"password\\\":\\\"", "two " + Mixed(10) + " words", "\\\"}", "{\\\"password\\\":\\\"[REDACTED]\\\"}"),
        Wrapped("unterminated quoted password", "PASSWORD=\"", "two " + Mixed(10) + " words", string.Empty, "PASSWORD=\"[REDACTED]"),
        Block("rsa private key", "RSA PRIVATE KEY"),
        Block("ec private key", "EC PRIVATE KEY"),
        Block("openssh private key", "OPENSSH PRIVATE KEY"),
        Block("pkcs8 private key", "PRIVATE KEY"),
        Block("pgp private key block", "PGP PRIVATE KEY BLOCK"),
    ];

    /// <summary>A bare token: the whole of it is the secret.</summary>
    private static Sample Token(string name, string prefix, string body, string label) => new(name, prefix + body, body, label);

    /// <summary>A secret inside its syntax (a URL, a flag, a quoted value); <paramref name="expected"/> is the whole redacted text.</summary>
    private static Sample Wrapped(string name, string before, string secret, string after, string expected) => new(name, before + secret + after, secret, expected);

    private static Sample Block(string name, string kind)
    {
        var body = string.Join('\n', Enumerable.Range(0, 4).Select(line => Mixed(64, seed: line)));
        return new(name, $"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----", body, "[REDACTED PRIVATE KEY]");
    }

    private static string Upper(int length) => Pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", length);

    private static string Hex(int length) => Pick("0123456789abcdef", length);

    private static string Letters(int length) => Pick("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", length);

    private static string Mixed(int length, int seed = 7) => Pick("aB3dE5gH7jK9mN1pQ2sT4vW6yZ8", length, seed);

    private static string Pick(string alphabet, int length, int seed = 3) =>
        new([.. Enumerable.Range(0, length).Select(i => alphabet[((i * 7) + (seed * 13) + (i * i)) % alphabet.Length])]);
}
