using CsCheck;
using OpsBot.Commands.K8s;
using OpsBot.Tests.Commands;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// No sample secret (one of each shape, <see cref="SecretSamples"/>) survives redaction in any surrounding text: random
/// log text before and after it, joined by a character that ends a token (a secret glued to more letters is another
/// string, not this secret). Survival means any 8 characters of the secret in a row appear in the output.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed class RedactorFuzzTests
{
    // Characters that end a token. '=' and ':' may come before one (key=TOKEN) but not right after: '=' is base64 padding
    // and part of some tokens' alphabets, so "TOKEN=" is a longer string that rules do not match.
    private const string Before = " \t=:\"',;()[]{}<>|&!?";
    private const string After = " \t\"',;()[]{}<>|&!?";

    [Fact]
    public void Redact_AnySurroundingText_NoSampleSecretSurvives()
    {
        var samples = Gen.OneOf([.. SecretSamples.All.Select(sample => Gen.Const(sample))]);
        var around = FuzzText.Hostile(12).Select(text => text.Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal));
        var cases = Gen.Select(samples, around, Gen.Char[Before], Gen.Char[After], around, (sample, before, open, close, after) => (sample, Line: before + open + sample.Text + close + after));

        Fuzz.Check(cases, 2_000, c =>
        {
            var redacted = LogRedactor.Redact(c.Line);

            var secret = c.sample.Secret.Replace("\n", string.Empty, StringComparison.Ordinal);
            for (var i = 0; i + 8 <= secret.Length; i++)
            {
                var window = secret.Substring(i, 8);
                Assert.False(redacted.Replace("\n", string.Empty, StringComparison.Ordinal).Contains(window, StringComparison.Ordinal) && !c.Line.Replace(c.sample.Text, string.Empty, StringComparison.Ordinal).Contains(window, StringComparison.Ordinal),
                    $"{c.sample.Name}: \"{window}\" survived in: {redacted}");
            }
        }, c => c.Line);
    }
}
