using System.Security.Cryptography;
using System.Text;
using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Privacy;

/// <summary>
/// Encrypts the one phone number the line ever keeps: a texter's, from their YES until the handoff email is sent
/// (<see cref="Storage.IHandoffOutbox"/>). AES-256-GCM, with a key derived by HKDF from <c>Privacy:PhoneHashKey</c>,
/// so no second secret is needed, yet the key is not the HMAC key itself; the request's id is the associated data,
/// so a ciphertext copied into another row does not decrypt.
/// </summary>
/// <remarks>
/// A new phone-hash key makes the numbers of requests still waiting unreadable: the sender records those as failed
/// ("unreadable") rather than sending anything. Rotate the key outside office hours, with the outbox empty.
/// </remarks>
public sealed class NumberProtector
{
    private const string Version = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public NumberProtector(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(options.Value.PhoneHashKey), 32, info: Encoding.UTF8.GetBytes("textline/handoff-number/v1"));
    }

    /// <summary><paramref name="number"/> encrypted for the request <paramref name="requestId"/>.</summary>
    public string Protect(string number, string requestId)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(requestId);
        var plain = Encoding.UTF8.GetBytes(number.Trim());
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(requestId));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The number, or null when it cannot be decrypted (another key, another request, a damaged value).</summary>
    public string? Unprotect(string protectedNumber, string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (protectedNumber is null || !protectedNumber.StartsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var sealedBytes = Convert.FromBase64String(protectedNumber[Version.Length..]);
            if (sealedBytes.Length <= NonceSize + TagSize)
            {
                return null;
            }

            var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(requestId));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
