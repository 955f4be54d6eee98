using InterviewTextLine.Core.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// The semantics every <see cref="IAddressClaims"/> keeps: an address is held by one claimant until its claim expires,
/// the holder may claim it again, concurrent claims have one winner, and nothing a texter's FORGET does frees it.
/// </summary>
public abstract class AddressClaimsContract : StorageContract
{
    private static AddressKey NewAddress() => new(NewTexter().Value);

    [Fact]
    public async Task An_address_is_held_by_its_first_claimant_until_the_claim_expires()
    {
        var address = NewAddress();
        var until = Epoch.AddDays(1);

        Assert.True(await Claims.TryClaimAddressAsync(address, "first", Epoch, until, Cancellation));
        Assert.True(await Claims.TryClaimAddressAsync(address, "first", Epoch.AddHours(1), until.AddHours(1), Cancellation));
        Assert.False(await Claims.TryClaimAddressAsync(address, "second", Epoch.AddHours(23), Epoch.AddDays(2), Cancellation));
        Assert.True(await Claims.TryClaimAddressAsync(NewAddress(), "second", Epoch.AddHours(23), Epoch.AddDays(2), Cancellation));

        Assert.True(await Claims.TryClaimAddressAsync(address, "second", until, until.AddDays(1), Cancellation));
        Assert.False(await Claims.TryClaimAddressAsync(address, "first", until.AddHours(1), until.AddDays(2), Cancellation));
    }

    [Fact]
    public async Task Of_twenty_parallel_claims_of_one_address_by_different_claimants_exactly_one_wins()
    {
        var address = NewAddress();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Claims.TryClaimAddressAsync(address, $"claimant {i}", Epoch, Epoch.AddDays(1), Cancellation)));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task Forgetting_or_deleting_a_texter_frees_no_address()
    {
        var (address, texter) = (NewAddress(), NewTexter());
        await Store.SaveWithReceiptAsync(texter, AConversation().WithEmail("pat@example.org"), null, NewReceipt(), Cancellation);
        Assert.True(await Claims.TryClaimAddressAsync(address, "theirs", Epoch, Epoch.AddDays(1), Cancellation));

        await Store.ForgetAsync(texter, NewMessageSid(), ForgetRemainder.Nothing, Cancellation);
        await Store.DeleteAsync(texter, Cancellation);

        Assert.False(await Claims.TryClaimAddressAsync(address, "anyone else", Epoch.AddHours(1), Epoch.AddDays(1), Cancellation));
    }
}
