using System.Net.Mail;

namespace InterviewTextLine.Core.Conversations;

/// <summary>What is wrong with an email address, in terms a texter can fix.</summary>
public enum EmailAddressProblem
{
    None,
    NoAt,
    NoDomain,
    Space,
    TooLong,
    Characters,
    Local,
}

/// <summary>
/// Checks the address a texter sends with EMAIL. Deliberately plain ASCII: the address goes into an
/// email header, and a texter typing on a phone almost never means anything more exotic.
/// </summary>
public static class EmailAddressCheck
{
    public const int MaxLength = 254;

    public static string MessageKey(EmailAddressProblem problem) => problem switch
    {
        EmailAddressProblem.NoAt => "reason.noAt",
        EmailAddressProblem.NoDomain => "reason.noDomain",
        EmailAddressProblem.Space => "reason.space",
        EmailAddressProblem.TooLong => "reason.tooLong",
        EmailAddressProblem.Characters => "reason.characters",
        EmailAddressProblem.Local => "reason.local",
        _ => throw new ArgumentOutOfRangeException(nameof(problem)),
    };

    /// <summary>Checks <paramref name="candidate"/> (already trimmed) and returns the normalized address when it is fine.</summary>
    public static EmailAddressProblem Check(string candidate, out string address)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        address = "";
        // Phones like to add a full stop or wrap an address in brackets.
        var text = candidate.Trim().TrimEnd('.', ',', ';', '!').Trim('<', '>');
        if (text.Length > MaxLength)
        {
            return EmailAddressProblem.TooLong;
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return EmailAddressProblem.Space;
        }

        if (text.Any(c => c is < '!' or > '~'))
        {
            return EmailAddressProblem.Characters;
        }

        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return EmailAddressProblem.NoAt;
        }

        var local = text[..at];
        var domain = text[(at + 1)..];
        if (local.Length is 0 or > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal) || local.Contains('@', StringComparison.Ordinal))
        {
            return EmailAddressProblem.Local;
        }

        if (!IsDomain(domain))
        {
            return EmailAddressProblem.NoDomain;
        }

        if (!MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return EmailAddressProblem.Local;
        }

        address = local + "@" + domain.ToLowerInvariant();
        return EmailAddressProblem.None;
    }

    private static bool IsDomain(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2 &&
            labels.All(label => label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !label.StartsWith('-') && !label.EndsWith('-')) &&
            labels[^1].Length >= 2 && labels[^1].All(char.IsAsciiLetter);
    }
}
