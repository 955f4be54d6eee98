namespace InterviewTextLine.Core.Sms;

/// <summary>How an SMS is encoded on the air.</summary>
public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>The encoding of a message, its length in encoding units, and how many SMS segments it costs.</summary>
public readonly record struct SmsSegments(SmsEncoding Encoding, int Units, int Count)
{
    /// <summary>Single-message and per-segment capacities (concatenated segments lose room to the UDH).</summary>
    public const int Gsm7Single = 160;
    public const int Gsm7PerSegment = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2PerSegment = 67;

    /// <summary>The name shown to people: "GSM-7" or "UCS-2".</summary>
    public string EncodingName => Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";

    /// <summary>The most GSM-7 characters (septets) that fit in <paramref name="segments"/> segments.</summary>
    public static int Gsm7Capacity(int segments) => segments <= 1 ? Gsm7Single : segments * Gsm7PerSegment;

    public static SmsSegments Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new SmsSegments(SmsEncoding.Gsm7, 0, 0);
        }

        if (GsmAlphabet.IsGsm7(text))
        {
            var septets = 0;
            foreach (var c in text)
            {
                septets += GsmAlphabet.IsExtension(c) ? 2 : 1;
            }

            return new SmsSegments(SmsEncoding.Gsm7, septets, Segments(septets, Gsm7Single, Gsm7PerSegment));
        }

        // UCS-2 counts UTF-16 code units: an emoji outside the BMP costs two.
        return new SmsSegments(SmsEncoding.Ucs2, text.Length, Segments(text.Length, Ucs2Single, Ucs2PerSegment));
    }

    private static int Segments(int units, int single, int perSegment) =>
        units <= single ? 1 : (units + perSegment - 1) / perSegment;
}
