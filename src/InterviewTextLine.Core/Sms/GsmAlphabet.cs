using System.Buffers;

namespace InterviewTextLine.Core.Sms;

/// <summary>
/// The GSM 03.38 default alphabet and its extension table. A message made only of these characters
/// is sent as GSM-7; any other character switches the whole message to UCS-2.
/// </summary>
public static class GsmAlphabet
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>Characters sent as an escape plus a code, so each counts as two septets.</summary>
    private const string Extension = "^{}\\[~]|€\f";

    private static readonly SearchValues<char> BasicSet = SearchValues.Create(Basic);
    private static readonly SearchValues<char> ExtensionSet = SearchValues.Create(Extension);

    /// <summary>True when every character is in the GSM-7 basic or extension table.</summary>
    public static bool IsGsm7(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsGsm7(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsGsm7(char c) => BasicSet.Contains(c) || ExtensionSet.Contains(c);

    /// <summary>True for the extension characters, which cost two septets each.</summary>
    public static bool IsExtension(char c) => ExtensionSet.Contains(c);

    /// <summary>The characters of <paramref name="text"/> that are not GSM-7, each once, in order of appearance.</summary>
    public static IReadOnlyList<char> NonGsmCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<char>();
        foreach (var c in text)
        {
            if (!IsGsm7(c) && !found.Contains(c))
            {
                found.Add(c);
            }
        }

        return found;
    }
}
