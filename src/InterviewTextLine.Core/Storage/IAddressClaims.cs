using System.Security.Cryptography;
using System.Text;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// The addresses that were given a summary recently, so that one address gets at most one summary a day whatever
/// number asks and however often it sends FORGET. A claim is a keyed hash of the address (<see cref="AddressKey"/>),
/// an opaque claimant and an expiry: never the address, never the number.
/// </summary>
public interface IAddressClaims
{
    /// <summary>
    /// Claims <paramref name="address"/> for <paramref name="claimant"/> until <paramref name="until"/>. True when it
    /// was free, its last claim had expired by <paramref name="now"/>, or <paramref name="claimant"/> holds it already
    /// (a retry, or the same conversation giving the same address again); false when someone else holds it. Of
    /// concurrent claims by different claimants exactly one succeeds.
    /// </summary>
    Task<bool> TryClaimAddressAsync(AddressKey address, string claimant, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);
}

/// <summary>An email address as a claim's key: the lower-case hex HMAC-SHA256 of the address (<see cref="Privacy.PhoneHasher.Address"/>).</summary>
public readonly record struct AddressKey(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Who holds an address claim: one conversation, by a hash that names neither the number nor the address.</summary>
public static class AddressClaimant
{
    /// <summary>
    /// The claimant of the conversation of <paramref name="texter"/> that started at <paramref name="startedAt"/>: the
    /// same conversation claims the same address again freely; a later one (after FORGET or a long silence) cannot.
    /// </summary>
    public static string Of(TexterId texter, DateTimeOffset startedAt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            texter.Value + "|" + startedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
