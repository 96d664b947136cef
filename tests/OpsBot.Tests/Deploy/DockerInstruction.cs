namespace OpsBot.Tests.Deploy;

/// <summary>One Dockerfile instruction (continuation lines joined, comments dropped) and the build stage it is in (0-based).</summary>
public sealed record DockerInstruction(int Stage, string Keyword, string Arguments)
{
    /// <summary>Reads a Dockerfile the way the builder splits it: a trailing backslash continues the line; <c>#</c> lines are comments.</summary>
    public static IReadOnlyList<DockerInstruction> Parse(string dockerfile)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var text = (pending + line).Trim();
            pending = "";
            if (text.Length == 0)
            {
                continue;
            }

            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(stage, keyword, space < 0 ? "" : text[(space + 1)..].Trim()));
        }

        return instructions;
    }
}
