using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace InterviewTextLine.Benchmarks;

/// <summary>What the figures were measured on, read from the machine itself.</summary>
internal static class Machine
{
    public static IReadOnlyList<(string Name, string Value)> Describe(string repositoryRoot) =>
    [
        ("Logical CPUs (nproc)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("CPU model", FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()),
        ("RAM", MemTotal()),
        ("OS", (OsRelease() ?? RuntimeInformation.OSDescription) + ReadTrimmed("/proc/sys/kernel/osrelease", prefix: ", kernel ")),
        (".NET", RuntimeInformation.FrameworkDescription + " (" + RuntimeInformation.RuntimeIdentifier + ")"),
        ("Azurite", AzuriteVersion(repositoryRoot)),
        ("Load average at start (1/5/15 min)", LoadAverage()),
    ];

    public static string LoadAverage()
    {
        var text = ReadTrimmed("/proc/loadavg", prefix: "");
        return text.Length == 0 ? "n/a" : string.Join(' ', text.Split(' ').Take(3));
    }

    private static string? FirstValue(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    private static string MemTotal()
    {
        var value = FirstValue("/proc/meminfo", "MemTotal");
        if (value is null || !long.TryParse(value.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
        {
            return "n/a";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0 / 1024.0:0.0} GiB");
    }

    private static string? OsRelease()
    {
        const string path = "/etc/os-release";
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        return line?["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string ReadTrimmed(string path, string prefix) =>
        File.Exists(path) ? prefix + File.ReadAllText(path).Trim() : "";

    private static string AzuriteVersion(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, "node_modules", "azurite", "package.json");
        if (!File.Exists(path))
        {
            return "n/a";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "n/a" : "n/a";
    }
}
