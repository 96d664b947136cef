using System.Text.Json.Nodes;
using CsCheck;

namespace OpsBot.Tests.Fuzz;

/// <summary>Generators of hostile text and JSON: markup of every platform, control and bidi characters, emoji, quotes, long runs.</summary>
internal static class FuzzText
{
    private static readonly string[] Fragments =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "javascript:alert(1)",
        "<!channel>", "<!here>", "<@U0BOT>", "<#C0123|general>", "<https://evil.example|click>", "&amp;", "&lt;", "&#x3C;",
        "*bold*", "_it_", "~strike~", "`code`", "```fence```", "**", "[x](javascript:alert(1))", "[ok](https://evil.example)",
        "![img](https://evil.example/x.png)", "<at>OpsBot</at>", "{{7*7}}", "${jndi:ldap://x}", "%0d%0a", "../../etc/passwd",
        "'", "\"", "\\", "\\\"", "`", "<", ">", "&", "|", "*", "_", "~", "[", "]", "(", ")", "{", "}", "#", "@", "!", ":", "=",
        "\u202e", "\u2066", "\u200b", "\u2028", "\u00a0", "\ufeff", "\u001b[31m", "\r\n", "\n", "\t", "\0", "\u0007", "\u0085",
        "é", "Ünïcödé", "日本語", "🚀", "👩‍👩‍👧", "🔥🔥", " ", "  ", "a", "frontend", "-n", "shop", "--", "-",
    ];

    /// <summary>Text of 0 to <paramref name="maxParts"/> fragments and random characters, now and then one long run.</summary>
    public static Gen<string> Hostile(int maxParts = 24) =>
        Gen.Frequency(
            (8, Gen.Frequency((6, Gen.OneOf([.. Fragments.Select(fragment => Gen.Const(fragment))])), (3, Gen.String[Gen.Char[' ', '~'], 1, 8]), (1, Gen.String[Gen.Char['\0', '\uffff'], 1, 4])).Array[0, maxParts].Select(string.Concat)),
            (1, Gen.Int[500, 5_000].SelectMany(length => Gen.OneOf([.. Fragments.Select(fragment => Gen.Const(fragment))]).Select(fragment => string.Concat(Enumerable.Repeat(fragment, (length / Math.Max(1, fragment.Length)) + 1))))));

    /// <summary>Any JSON value: scalars of every kind, hostile strings, and small nested arrays and objects (depth ≤ <paramref name="depth"/>).</summary>
    public static Gen<JsonNode?> AnyJson(int depth = 2)
    {
        var scalar = Gen.Frequency(
            (1, Gen.Const((JsonNode?)null)),
            (1, Gen.Bool.Select(value => (JsonNode?)JsonValue.Create(value))),
            (2, Gen.Long.Select(value => (JsonNode?)JsonValue.Create(value))),
            (1, Gen.Double.Where(double.IsFinite).Select(value => (JsonNode?)JsonValue.Create(value))),
            (4, Hostile(6).Select(value => (JsonNode?)JsonValue.Create(value))));
        if (depth == 0)
        {
            return scalar;
        }

        var inner = AnyJson(depth - 1);
        return Gen.Frequency(
            (5, scalar),
            (1, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items]))),
            (1, Gen.Select(Gen.OneOf([.. Keys.Select(key => Gen.Const(key))]).Array[0, 4], inner.Array[4], (keys, values) =>
            {
                var node = new JsonObject();
                for (var i = 0; i < keys.Length; i++)
                {
                    node[keys[i]] = values[i];
                }

                return (JsonNode?)node;
            })));
    }

    // Property names the readers look for, so that random objects sometimes land where it matters.
    private static readonly string[] Keys = ["id", "type", "user", "channel", "actions", "action_id", "value", "ts", "text", "name", "action", "data", "verb", "actionId", "tenant", "event", "x"];
}
