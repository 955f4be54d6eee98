using System.Security.Cryptography;
using System.Text;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Privacy;

/// <summary>
/// Turns a texter's number (and the line's number) into a storage key with HMAC-SHA256, so that
/// storage never holds a phone number and a leaked table cannot be reversed without the key.
/// </summary>
public sealed class PhoneHasher
{
    private readonly byte[] _key;

    public PhoneHasher(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = Encoding.UTF8.GetBytes(options.Value.PhoneHashKey);
    }

    /// <summary>The texter's key on one line. Several lines sharing an app keep separate conversations.</summary>
    public TexterId Texter(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var message = Encoding.UTF8.GetBytes(Normalize(from) + "|" + Normalize(to));
        return new TexterId(Convert.ToHexStringLower(HMACSHA256.HashData(_key, message)));
    }

    /// <summary>
    /// An email address as the key of its claim (<see cref="IAddressClaims"/>): the HMAC of the address, lower-cased,
    /// under the same key, in a domain of its own so that it can never equal a texter's key.
    /// </summary>
    public AddressKey Address(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = Encoding.UTF8.GetBytes("email|" + email.Trim().ToLowerInvariant());
        return new AddressKey(Convert.ToHexStringLower(HMACSHA256.HashData(_key, message)));
    }

    /// <summary>
    /// A number on a line as the key of its daily handoff claim (<see cref="IAddressClaims"/>): in a domain of its own, so
    /// it equals neither the texter's key nor an address's.
    /// </summary>
    public AddressKey Handoff(string from, string to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var message = Encoding.UTF8.GetBytes("handoff|" + Normalize(from) + "|" + Normalize(to));
        return new AddressKey(Convert.ToHexStringLower(HMACSHA256.HashData(_key, message)));
    }

    private static string Normalize(string number) => number.Trim();
}
