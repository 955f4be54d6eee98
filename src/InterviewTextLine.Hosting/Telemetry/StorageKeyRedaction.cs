using System.Diagnostics;
using System.Text.RegularExpressions;

namespace InterviewTextLine.Hosting.Telemetry;

/// <summary>
/// Takes Table Storage keys out of what the Azure SDK reports. A texter's partition key is the keyed hash of their
/// number, the same every day, and the SDK puts it in the URL of each point read, write and delete
/// (<c>conversations(PartitionKey='…',RowKey='c')</c>), which it logs and records on its spans; the follow-up index's
/// row keys hold it too. Beside the MessageSid of the same request, that would name a texter in telemetry for as
/// long as it is kept, FORGET or not.
/// </summary>
public static partial class StorageKeyRedaction
{
    /// <summary>What a key's value becomes.</summary>
    public const string Redacted = "redacted";

    /// <summary><paramref name="text"/> with the value of every <c>PartitionKey</c> and <c>RowKey</c> replaced, in a path or a filter.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("Key", StringComparison.OrdinalIgnoreCase)
            ? KeyValue().Replace(text, match => match.Groups["prefix"].Value + Redacted + match.Groups["quote"].Value)
            : text;
    }

    /// <summary>Redacts every string tag of <paramref name="activity"/> that holds a storage key.</summary>
    public static void Redact(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var (name, value) in activity.TagObjects.ToList())
        {
            if (value is string text && Redact(text) is var redacted && redacted != text)
            {
                activity.SetTag(name, redacted);
            }
        }

        activity.DisplayName = Redact(activity.DisplayName);
    }

    // PartitionKey='x', RowKey=%27x%27, PartitionKey eq 'x', PartitionKey%20eq%20%27x%27: the value runs to its closing quote.
    [GeneratedRegex(
        @"(?<prefix>(?:PartitionKey|RowKey)(?:=|%3D|(?:\s|%20|\+)+(?:eq|ne|gt|ge|lt|le)(?:\s|%20|\+)+)(?<quote>'|%27))(?<value>.*?)\k<quote>",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyValue();
}
