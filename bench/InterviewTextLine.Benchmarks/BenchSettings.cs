using System.Globalization;

namespace InterviewTextLine.Benchmarks;

/// <summary>The command line: what to run and how much of it.</summary>
internal sealed class BenchSettings
{
    public static readonly string[] AllParts = ["understanding", "inbound", "http", "requests", "history", "retention", "followups", "sms"];

    public bool Quick { get; private init; }

    public IReadOnlySet<string> Parts { get; private init; } = new HashSet<string>(AllParts);

    public IReadOnlyList<int> Levels { get; private init; } = [1, 8, 64];

    public int Rounds { get; private init; } = 4;

    public int FollowUps { get; private init; } = 10_000;

    /// <summary>Texts of history of the long-history texter (part <c>history</c>).</summary>
    public int History => Quick ? 1_000 : 10_000;

    /// <summary>Reads and texts of each kind measured against that history.</summary>
    public int HistorySamples => Quick ? 100 : 1_000;

    /// <summary>Idle conversations the retention sweep deletes (part <c>retention</c>).</summary>
    public int RetentionConversations => Quick ? 1_000 : 10_000;

    public IReadOnlyList<int> FollowUpConcurrency { get; private init; } = [4, 16];

    public string? Output { get; private init; }

    public bool SweepFloor { get; private init; }

    public string CommandLine { get; private init; } = "";

    public const string Usage = """
        Benchmarks of the line against Azurite on loopback. Prints a Markdown report.

          --quick                  a smoke run: few operations, 1,000 follow-ups, 1,000 texts of history, one round
          --only a,b               parts to run: understanding, inbound, http, requests, history, retention,
                                   followups, sms (default: all)
          --levels 1,8,64          concurrent texters
          --rounds N               rounds of floor/service/HTTP per level, order alternating (default 4; quick 1)
          --followups N            due follow-ups per sweep (default 10000; quick 1000)
          --sweep-concurrency 4,16 FollowUp:MaxConcurrency values
          --sweep-floor            also time the sweep's own floor: its storage requests and sends with the SDKs directly
          --out FILE               also write the report to FILE
        """;

    /// <summary>Closed-loop operations measured per variant at <paramref name="texters"/> concurrent texters.</summary>
    public int Measured(int texters) => Quick ? Math.Max(60, texters * 6) : Math.Max(300, texters * 20);

    /// <summary>Operations before measuring: JIT, connection pools (one connection per concurrent texter) and the emulator.</summary>
    public int Warmup(int texters) => Quick ? Math.Max(30, texters * 2) : Math.Max(200, texters * 8);

    public static BenchSettings? Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var settings = new BenchSettings
        {
            Quick = quick,
            Rounds = quick ? 1 : 4,
            FollowUps = quick ? 1_000 : 10_000,
            CommandLine = string.Join(' ', args),
        };

        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--sweep-floor":
                    settings = settings.With(sweepFloor: true);
                    break;
                case "--only":
                    var parts = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    var unknown = parts.Except(AllParts).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"Unknown part(s): {string.Join(", ", unknown)}.");
                    }

                    settings = settings.With(parts: new HashSet<string>(parts));
                    break;
                case "--levels":
                    settings = settings.With(levels: Integers(Next()));
                    break;
                case "--rounds":
                    settings = settings.With(rounds: Integers(Next())[0]);
                    break;
                case "--followups":
                    settings = settings.With(followUps: Integers(Next())[0]);
                    break;
                case "--sweep-concurrency":
                    settings = settings.With(followUpConcurrency: Integers(Next()));
                    break;
                case "--out":
                    settings = settings.With(output: Next());
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }

        return settings;
    }

    private BenchSettings With(
        IReadOnlySet<string>? parts = null,
        IReadOnlyList<int>? levels = null,
        int? rounds = null,
        int? followUps = null,
        IReadOnlyList<int>? followUpConcurrency = null,
        string? output = null,
        bool? sweepFloor = null) => new()
        {
            Quick = Quick,
            Parts = parts ?? Parts,
            Levels = levels ?? Levels,
            Rounds = rounds ?? Rounds,
            FollowUps = followUps ?? FollowUps,
            FollowUpConcurrency = followUpConcurrency ?? FollowUpConcurrency,
            Output = output ?? Output,
            SweepFloor = sweepFloor ?? SweepFloor,
            CommandLine = CommandLine,
        };

    private static int[] Integers(string value)
    {
        var numbers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        return numbers.Length > 0 && numbers.All(n => n > 0) ? numbers : throw new ArgumentException($"'{value}' is not a list of positive numbers.");
    }
}
