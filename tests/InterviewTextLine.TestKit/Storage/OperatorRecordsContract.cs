using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// An operator's erasure and look-up of one number (<see cref="OperatorRecords"/>) over a store: that number's rows
/// go, every other texter's stay, and the opt-out stays unless asked.
/// </summary>
public abstract class OperatorRecordsContract : StorageContract
{
    private const string Line = "+18005550100";
    private const string Erased = "+14155550171";
    private const string Kept = "+14155550172";

    private static readonly PhoneHasher Hasher = new(Options.Create(new PrivacyOptions { PhoneHashKey = LocalDefaults.DevelopmentOnlyPhoneHashKey }));

    private OperatorRecords Records => new(Store, Hasher, new FlowScripts([TestScripts.Create()]), TimeProvider.System, NullLogger<OperatorRecords>.Instance);

    [Fact]
    public async Task Forget_removes_that_numbers_conversation_and_follow_up_entries_and_leaves_every_other_texter()
    {
        var (erased, kept) = (Hasher.Texter(Erased, Line), Hasher.Texter(Kept, Line));
        await Store.SaveWithReceiptAsync(erased, AConversation().WithScheduledFollowUp(Epoch.AddHours(2)), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(erased, Epoch.AddHours(2), Cancellation);
        await Store.SaveWithReceiptAsync(kept, AConversation().WithScheduledFollowUp(Epoch.AddHours(3)), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(kept, Epoch.AddHours(3), Cancellation);

        var outcome = await Records.ForgetAsync(Erased, Line, includeOptOut: false, Cancellation);

        Assert.Equal(new ForgetOutcome(true, false), outcome);
        Assert.Null(await Store.ReadAsync(erased, Cancellation));
        Assert.NotNull(await Store.ReadAsync(kept, Cancellation));
        var due = await Index.ReadDueAsync(Epoch.AddDays(1), null, 10, Cancellation);
        Assert.Equal([kept], due.Select(entry => entry.Texter));
        Assert.False((await Records.LookupAsync(Erased, Line, Cancellation)).Found);
    }

    [Fact]
    public async Task Forget_keeps_an_opt_out_and_nothing_else_unless_asked_to_erase_it_too()
    {
        var texter = Hasher.Texter(Erased, Line);
        await Store.SaveWithReceiptAsync(texter, AConversation().InState("rude").WithSituation("rude").WithPath("welcome", "rude").WithEmail("a@example.com").OptedOut(), null, NewReceipt(), Cancellation);

        Assert.True((await Records.ForgetAsync(Erased, Line, includeOptOut: false, Cancellation)).KeptOptOut);
        var left = (await Store.ReadAsync(texter, Cancellation))!.Conversation;
        Assert.True(left.OptedOut);
        Assert.Empty(left.Path);
        Assert.Null(left.Email);
        Assert.Null(left.Situation);
        Assert.Equal(new TexterLookup(true, true, left.LastMessageAt, false), await Records.LookupAsync(Erased, Line, Cancellation));

        Assert.False((await Records.ForgetAsync(Erased, Line, includeOptOut: true, Cancellation)).KeptOptOut);
        Assert.Null(await Store.ReadAsync(texter, Cancellation));
    }

    [Fact]
    public async Task Lookup_says_when_the_number_was_last_active_and_whether_an_email_is_pending()
    {
        var texter = Hasher.Texter(Kept, Line);
        await Store.SaveWithReceiptAsync(texter, AConversation().LastMessageAt(Epoch).WithEmail("b@example.com").WithScheduledFollowUp(Epoch.AddHours(2)), null, NewReceipt(), Cancellation);

        Assert.Equal(new TexterLookup(true, false, Epoch, true), await Records.LookupAsync(Kept, Line, Cancellation));
        Assert.Equal(new TexterLookup(false, false, null, false), await Records.LookupAsync(Erased, Line, Cancellation));
    }
}
