using System.Collections.Concurrent;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// The semantics every <see cref="IConversationStore"/> keeps: ETags, receipts (bounded), replacing, deleting and
/// forgetting (the follow-up index entries included). A store's test class derives from this and says how to make
/// fresh, empty storage for each test; the retention scan's part is <see cref="RetentionScanContract"/>.
/// </summary>
public abstract class ConversationStoreContract : StorageContract
{
    [Fact]
    public async Task A_saved_conversation_loads_back_with_every_field_and_its_etag()
    {
        var texter = NewTexter();
        Conversation conversation = AConversation().WithEverythingSet();
        var receipt = Receipt(NewMessageSid(), "Thanks. What happened?", Epoch.AddMinutes(7));

        var etag = await Store.SaveWithReceiptAsync(texter, conversation, null, receipt, Cancellation);
        var loaded = await Store.ReadForMessageAsync(texter, NewMessageSid(), Cancellation);

        Assert.Equal(conversation.StateId, loaded.Conversation!.StateId);
        Assert.Equal(conversation.Path, loaded.Conversation.Path);
        Assert.Equal(["unsure", "laid-off"], loaded.Conversation.Situations);
        Assert.True(loaded.Conversation.AskedBack);
        Assert.Equal([receipt], loaded.Conversation.Receipts);
        Assert.Equal(conversation, loaded.Conversation with { Path = conversation.Path, Receipts = conversation.Receipts });
        Assert.Equal(etag, loaded.ETag);
        Assert.Null(loaded.Receipt);
    }

    [Fact]
    public async Task A_minimal_conversation_round_trips_with_its_optional_fields_empty()
    {
        var texter = NewTexter();
        Conversation conversation = AConversation();

        await Store.SaveWithReceiptAsync(texter, conversation, null, NewReceipt(), Cancellation);
        var loaded = await Store.ReadAsync(texter, Cancellation);

        Assert.NotNull(loaded);
        Assert.Empty(loaded.Conversation.Path);
        Assert.Empty(loaded.Conversation.Situations);
        Assert.Null(loaded.Conversation.Situation);
        Assert.Null(loaded.Conversation.Email);
        Assert.Null(loaded.Conversation.FollowUp);
        Assert.False(loaded.Conversation.OptedOut);
        Assert.Null(loaded.Conversation.RepliesSince);
        Assert.Equal(0, loaded.Conversation.Replies);
        Assert.Equal(0, loaded.Conversation.AddressesGiven);
        Assert.False(loaded.Conversation.AskedBack);
        Assert.Single(loaded.Conversation.Receipts);
        Assert.Equal(conversation with { Path = [] }, loaded.Conversation with { Path = [], Receipts = MessageReceipts.Empty });
    }

    [Fact]
    public async Task A_question_back_is_kept_until_a_save_clears_it()
    {
        var texter = NewTexter();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation().InState("welcome").AskedBack(), null, NewReceipt(), Cancellation);
        var asked = (await Store.ReadAsync(texter, Cancellation))!.Conversation;

        etag = await Store.SaveWithReceiptAsync(texter, asked with { AskedBack = false }, etag, NewReceipt(), Cancellation);
        var answered = (await Store.ReadAsync(texter, Cancellation))!.Conversation;
        await Store.ReplaceAsync(texter, answered with { AskedBack = true }, etag, Cancellation);
        var askedAgain = (await Store.ReadAsync(texter, Cancellation))!.Conversation;

        Assert.True(asked.AskedBack);
        Assert.False(answered.AskedBack);
        Assert.True(askedAgain.AskedBack);
        Assert.Equal(asked with { Receipts = answered.Receipts, AskedBack = false }, answered);
    }

    [Fact]
    public async Task Times_in_any_offset_come_back_as_the_same_instants()
    {
        var texter = NewTexter();
        var started = new DateTimeOffset(2025, 6, 1, 23, 59, 59, TimeSpan.FromHours(-7)).AddTicks(9_876_543);
        Conversation conversation = AConversation().StartedAt(started).LastMessageAt(started.AddSeconds(1)).WithScheduledFollowUp(started.AddHours(2));

        await Store.SaveWithReceiptAsync(texter, conversation, null, NewReceipt(), Cancellation);
        var loaded = (await Store.ReadAsync(texter, Cancellation))!.Conversation;

        Assert.Equal(started.UtcTicks, loaded.StartedAt.UtcTicks);
        Assert.Equal(started.AddSeconds(1).UtcTicks, loaded.LastMessageAt.UtcTicks);
        Assert.Equal(started.AddHours(2).UtcTicks, loaded.FollowUp!.DueAt.UtcTicks);
        Assert.Equal(started.AddHours(2).UtcTicks, loaded.FollowUp.IndexedAt!.Value.UtcTicks);
    }

    [Fact]
    public async Task Every_text_column_round_trips_emoji_quotes_and_other_unicode()
    {
        var texter = NewTexter();
        const string odd = "O'Brien \"Pat\" 🙂👩🏽‍💻 ça, 東京, \\ / # ? % | & < > \t";
        Conversation conversation = AConversation()
            .InState("state " + odd)
            .WithSituation("situation " + odd)
            .WithPath(odd, "[\"not json\"", "]", "", "a,b", "|")
            .WithEmail("\"pat o'brien\"+🙂@example.org")
            .WithFollowUp(FollowUp.Restore(FollowUpStatus.Failed, Epoch, lastError: odd));
        var messageId = NewMessageSid();

        var etag = await Store.SaveWithReceiptAsync(texter, conversation, null, Receipt(messageId, "Reply " + odd), Cancellation);
        var loaded = await Store.ReadForMessageAsync(texter, messageId, Cancellation);

        Assert.Equal(conversation.Path, loaded.Conversation!.Path);
        Assert.Equal(conversation with { Path = [] }, loaded.Conversation with { Path = [], Receipts = MessageReceipts.Empty });
        Assert.Equal("Reply " + odd, loaded.Receipt!.Reply);
        Assert.Equal(etag, loaded.ETag);
    }

    [Fact]
    public async Task An_unknown_texter_loads_as_new_with_no_conversation_etag_or_receipt()
    {
        var snapshot = await Store.ReadForMessageAsync(NewTexter(), NewMessageSid(), Cancellation);

        Assert.Null(snapshot.Conversation);
        Assert.Null(snapshot.ETag);
        Assert.Null(snapshot.Receipt);
        Assert.Null(await Store.ReadAsync(NewTexter(), Cancellation));
    }

    [Fact]
    public async Task A_handled_message_loads_with_its_receipt_and_the_first_reply()
    {
        var texter = NewTexter();
        var messageId = NewMessageSid();
        await Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(messageId, "First reply", Epoch.AddSeconds(3)), Cancellation);

        var snapshot = await Store.ReadForMessageAsync(texter, messageId, Cancellation);

        Assert.Equal(new MessageReceipt(messageId, "First reply", Epoch.AddSeconds(3)), snapshot.Receipt);
    }

    [Fact]
    public async Task A_receipt_without_a_reply_is_still_a_receipt()
    {
        var texter = NewTexter();
        var messageId = NewMessageSid();
        await Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(messageId, reply: null), Cancellation);

        var snapshot = await Store.ReadForMessageAsync(texter, messageId, Cancellation);

        Assert.NotNull(snapshot.Receipt);
        Assert.Null(snapshot.Receipt.Reply);
    }

    [Theory]
    [InlineData("SMa/b")]
    [InlineData("SM\\b")]
    [InlineData("SM#1")]
    [InlineData("SM?x=1")]
    [InlineData("SM\u0001\u007f")]
    [InlineData("")]
    [InlineData("message id with spaces and 🙂")]
    public async Task Message_ids_with_characters_keys_forbid_still_get_their_own_receipts(string messageId)
    {
        var texter = NewTexter();
        await Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(messageId, "odd id"), Cancellation);
        var stored = (await Store.ReadAsync(texter, Cancellation))!;
        await Store.SaveWithReceiptAsync(texter, stored.Conversation with { StateId = "next" }, stored.ETag, Receipt(messageId + "x", "other id"), Cancellation);

        Assert.Equal("odd id", (await Store.ReadForMessageAsync(texter, messageId, Cancellation)).Receipt?.Reply);
        Assert.Equal("other id", (await Store.ReadForMessageAsync(texter, messageId + "x", Cancellation)).Receipt?.Reply);
        Assert.Null((await Store.ReadForMessageAsync(texter, messageId + "y", Cancellation)).Receipt);
    }

    [Fact]
    public async Task Each_save_gives_a_new_etag_that_the_next_save_uses()
    {
        var texter = NewTexter();
        var first = await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
        var second = await Store.SaveWithReceiptAsync(texter, AConversation().InState("situation"), first, NewReceipt(), Cancellation);

        var snapshot = await Store.ReadForMessageAsync(texter, NewMessageSid(), Cancellation);

        Assert.NotEqual(first, second);
        Assert.Equal(second, snapshot.ETag);
        Assert.Equal("situation", snapshot.Conversation!.StateId);
    }

    [Fact]
    public async Task A_save_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var texter = NewTexter();
        var stale = await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
        var current = await Store.SaveWithReceiptAsync(texter, AConversation().InState("second"), stale, NewReceipt(), Cancellation);
        var lateMessage = NewMessageSid();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.SaveWithReceiptAsync(texter, AConversation().InState("lost"), stale, Receipt(lateMessage), Cancellation));

        var snapshot = await Store.ReadForMessageAsync(texter, lateMessage, Cancellation);
        Assert.Equal("second", snapshot.Conversation!.StateId);
        Assert.Equal(current, snapshot.ETag);
        Assert.Null(snapshot.Receipt);
    }

    [Fact]
    public async Task Saving_a_new_conversation_where_one_exists_conflicts()
    {
        var texter = NewTexter();
        await Store.SaveWithReceiptAsync(texter, AConversation().InState("first"), null, NewReceipt(), Cancellation);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.SaveWithReceiptAsync(texter, AConversation().InState("second"), null, NewReceipt(), Cancellation));

        Assert.Equal("first", (await Store.ReadAsync(texter, Cancellation))!.Conversation.StateId);
    }

    [Fact]
    public async Task Saving_with_an_etag_where_there_is_no_conversation_conflicts()
    {
        var texter = NewTexter();
        var otherTexter = NewTexter();
        var etagOfAnother = await Store.SaveWithReceiptAsync(otherTexter, AConversation(), null, NewReceipt(), Cancellation);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.SaveWithReceiptAsync(texter, AConversation(), etagOfAnother, NewReceipt(), Cancellation));

        Assert.Null(await Store.ReadAsync(texter, Cancellation));
    }

    [Fact]
    public async Task A_duplicate_message_id_conflicts_and_the_first_reply_and_state_stay()
    {
        var texter = NewTexter();
        var messageId = NewMessageSid();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation().InState("first"), null, Receipt(messageId, "First reply"), Cancellation);
        var handled = (await Store.ReadForMessageAsync(texter, messageId, Cancellation)).Conversation!;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.SaveWithReceiptAsync(texter, handled with { StateId = "second" }, etag, Receipt(messageId, "Second reply"), Cancellation));

        var snapshot = await Store.ReadForMessageAsync(texter, messageId, Cancellation);
        Assert.Equal("First reply", snapshot.Receipt!.Reply);
        Assert.Equal("first", snapshot.Conversation!.StateId);
        Assert.Equal(etag, snapshot.ETag);
    }

    [Fact]
    public async Task Get_returns_the_conversation_with_the_same_etag_as_load()
    {
        var texter = NewTexter();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation().WithEverythingSet(), null, NewReceipt(), Cancellation);

        var stored = await Store.ReadAsync(texter, Cancellation);

        Assert.NotNull(stored);
        Assert.Equal(texter, stored.Texter);
        Assert.Equal(etag, stored.ETag);
        Assert.Equal("summary", stored.Conversation.StateId);
    }

    [Fact]
    public async Task Update_with_the_current_etag_replaces_the_conversation_and_clears_dropped_fields()
    {
        var texter = NewTexter();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation().WithEverythingSet(), null, NewReceipt(), Cancellation);
        Conversation replacement = AConversation().InState("welcome").WithPath("welcome");

        var newETag = await Store.ReplaceAsync(texter, replacement, etag, Cancellation);

        var stored = await Store.ReadAsync(texter, Cancellation);
        Assert.NotEqual(etag, newETag);
        Assert.Equal(newETag, stored!.ETag);
        Assert.Equal(replacement.Path, stored.Conversation.Path);
        Assert.Equal(replacement with { Path = [] }, stored.Conversation with { Path = [] });
    }

    [Fact]
    public async Task Update_with_a_stale_etag_conflicts_and_changes_nothing()
    {
        var texter = NewTexter();
        var stale = await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
        await Store.ReplaceAsync(texter, AConversation().InState("second"), stale, Cancellation);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.ReplaceAsync(texter, AConversation().InState("lost"), stale, Cancellation));

        Assert.Equal("second", (await Store.ReadAsync(texter, Cancellation))!.Conversation.StateId);
    }

    [Fact]
    public async Task Update_of_a_deleted_conversation_conflicts_and_does_not_bring_it_back()
    {
        var texter = NewTexter();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
        await Store.DeleteAsync(texter, Cancellation);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.ReplaceAsync(texter, AConversation(), etag, Cancellation));

        Assert.Null(await Store.ReadAsync(texter, Cancellation));
    }

    [Fact]
    public async Task Delete_erases_the_conversation_its_receipts_and_its_follow_up_index_entry()
    {
        var texter = NewTexter();
        var survivor = NewTexter();
        var dueAt = Epoch.AddHours(2);
        var firstMessage = NewMessageSid();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(firstMessage, "one"), Cancellation);
        etag = await Store.SaveWithReceiptAsync(texter, (await Store.ReadAsync(texter, Cancellation))!.Conversation, etag, NewReceipt(), Cancellation);

        await Index.AddEntryAsync(texter, dueAt, Cancellation);
        await Store.SaveWithReceiptAsync(survivor, AConversation(), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(survivor, dueAt, Cancellation);

        await Store.DeleteAsync(texter, Cancellation);

        var snapshot = await Store.ReadForMessageAsync(texter, firstMessage, Cancellation);
        Assert.Equal(new ConversationSnapshot(null, null, null), snapshot);
        Assert.Null(await Store.ReadAsync(texter, Cancellation));
        var due = await Index.ReadDueAsync(dueAt, null, 10, Cancellation);
        Assert.Equal([survivor], due.Select(entry => entry.Texter));
        Assert.NotNull(await Store.ReadAsync(survivor, Cancellation));
    }

    [Fact]
    public async Task After_delete_the_texter_starts_again_as_new()
    {
        var texter = NewTexter();
        var messageId = NewMessageSid();
        await Store.SaveWithReceiptAsync(texter, AConversation().InState("old"), null, Receipt(messageId), Cancellation);
        await Store.DeleteAsync(texter, Cancellation);

        await Store.SaveWithReceiptAsync(texter, AConversation().InState("fresh"), null, Receipt(messageId, "new reply"), Cancellation);

        var snapshot = await Store.ReadForMessageAsync(texter, messageId, Cancellation);
        Assert.Equal("fresh", snapshot.Conversation!.StateId);
        Assert.Equal("new reply", snapshot.Receipt!.Reply);
    }

    [Fact]
    public async Task Deleting_an_unknown_texter_or_deleting_twice_is_not_an_error()
    {
        var texter = NewTexter();
        await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);

        await Store.DeleteAsync(texter, Cancellation);
        await Store.DeleteAsync(texter, Cancellation);
        await Store.DeleteAsync(NewTexter(), Cancellation);

        Assert.Null(await Store.ReadAsync(texter, Cancellation));
    }

    [Fact]
    public async Task A_conversation_keeps_the_receipts_of_its_last_twenty_messages_and_drops_the_older_ones()
    {
        var texter = NewTexter();
        var messages = Enumerable.Range(0, MessageReceipts.Capacity + 5).Select(_ => NewMessageSid()).ToList();
        string? etag = null;
        foreach (var message in messages)
        {
            var snapshot = await Store.ReadForMessageAsync(texter, message, Cancellation);
            Assert.Null(snapshot.Receipt);
            etag = await Store.SaveWithReceiptAsync(texter, snapshot.Conversation ?? AConversation(), etag, Receipt(message, "reply to " + message), Cancellation);
        }

        var stored = (await Store.ReadAsync(texter, Cancellation))!.Conversation;
        Assert.Equal(messages.TakeLast(MessageReceipts.Capacity), stored.Receipts.Select(receipt => receipt.MessageId));
        Assert.Null((await Store.ReadForMessageAsync(texter, messages[4], Cancellation)).Receipt);
        Assert.Equal("reply to " + messages[5], (await Store.ReadForMessageAsync(texter, messages[5], Cancellation)).Receipt?.Reply);
        Assert.Equal("reply to " + messages[^1], (await Store.ReadForMessageAsync(texter, messages[^1], Cancellation)).Receipt?.Reply);
    }

    [Fact]
    public async Task A_replace_keeps_the_receipts_the_conversation_carries()
    {
        var texter = NewTexter();
        var messageId = NewMessageSid();
        await Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(messageId, "first reply"), Cancellation);
        var stored = (await Store.ReadAsync(texter, Cancellation))!;

        await Store.ReplaceAsync(texter, stored.Conversation with { StateId = "claimed" }, stored.ETag, Cancellation);

        var snapshot = await Store.ReadForMessageAsync(texter, messageId, Cancellation);
        Assert.Equal("claimed", snapshot.Conversation!.StateId);
        Assert.Equal("first reply", snapshot.Receipt?.Reply);
    }

    [Fact]
    public async Task Forget_erases_the_conversation_and_its_index_entries_and_a_replay_of_the_same_message_changes_nothing()
    {
        var texter = NewTexter();
        var survivor = NewTexter();
        var dueAt = Epoch.AddHours(2);
        var forget = NewMessageSid();
        await Store.SaveWithReceiptAsync(texter, AConversation().WithScheduledFollowUp(dueAt), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(texter, dueAt, Cancellation);
        await Index.AddEntryAsync(survivor, dueAt, Cancellation);

        Assert.True(await Store.ForgetAsync(texter, forget, ForgetRemainder.Nothing, Cancellation));
        Assert.Null(await Store.ReadAsync(texter, Cancellation));
        Assert.Equal([survivor], (await Index.ReadDueAsync(dueAt, null, 10, Cancellation)).Select(entry => entry.Texter));

        // The texter comes back; then the same FORGET is delivered again.
        await Store.SaveWithReceiptAsync(texter, AConversation().InState("back").WithScheduledFollowUp(dueAt), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(texter, dueAt, Cancellation);
        var before = (await Store.ReadAsync(texter, Cancellation))!;

        Assert.False(await Store.ForgetAsync(texter, forget, ForgetRemainder.Nothing, Cancellation));

        var after = await Store.ReadAsync(texter, Cancellation);
        Assert.Equal(before.ETag, after?.ETag);
        Assert.Equal("back", after?.Conversation.StateId);
        Assert.Contains(texter, (await Index.ReadDueAsync(dueAt, null, 10, Cancellation)).Select(entry => entry.Texter));
    }

    [Fact]
    public async Task Another_forget_message_erases_again_and_forgetting_an_unknown_texter_is_not_an_error()
    {
        var texter = NewTexter();
        await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
        Assert.True(await Store.ForgetAsync(texter, NewMessageSid(), ForgetRemainder.Nothing, Cancellation));
        await Store.SaveWithReceiptAsync(texter, AConversation().InState("back"), null, NewReceipt(), Cancellation);

        Assert.True(await Store.ForgetAsync(texter, NewMessageSid(), ForgetRemainder.Nothing, Cancellation));
        Assert.True(await Store.ForgetAsync(NewTexter(), NewMessageSid(), ForgetRemainder.Nothing, Cancellation));

        Assert.Null(await Store.ReadAsync(texter, Cancellation));
    }

    [Fact]
    public async Task The_same_forget_message_of_another_texter_is_a_different_record()
    {
        var (texter, other) = (NewTexter(), NewTexter());
        var messageId = NewMessageSid();
        await Store.SaveWithReceiptAsync(other, AConversation(), null, NewReceipt(), Cancellation);

        Assert.True(await Store.ForgetAsync(texter, messageId, ForgetRemainder.Nothing, Cancellation));
        Assert.True(await Store.ForgetAsync(other, messageId, ForgetRemainder.Nothing, Cancellation));
        Assert.Null(await Store.ReadAsync(other, Cancellation));
    }

    [Fact]
    public async Task Forget_can_leave_the_reply_tally_alone_which_reads_in_place_of_the_conversation_until_a_save_replaces_it()
    {
        var texter = NewTexter();
        var dueAt = Epoch.AddHours(2);
        var tally = new ReplyTally(Epoch, Epoch.AddMinutes(10), 7, 2);
        await Store.SaveWithReceiptAsync(texter, AConversation().WithEverythingSet().OptedOut(false).WithScheduledFollowUp(dueAt), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(texter, dueAt, Cancellation);

        Assert.True(await Store.ForgetAsync(texter, NewMessageSid(), ForgetRemainder.Of(tally), Cancellation));

        var left = await Store.ReadForMessageAsync(texter, NewMessageSid(), Cancellation);
        Assert.Null(left.Conversation);
        Assert.Equal(tally, left.Tally);
        Assert.NotNull(left.ETag);
        Assert.False(left.Unreadable);
        Assert.Null(await Store.ReadAsync(texter, Cancellation));
        Assert.Empty(await Index.ReadDueAsync(dueAt, null, 10, Cancellation));

        // A save that read no row at all loses to the tally; one on the tally's ETag replaces it.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation));
        await Store.SaveWithReceiptAsync(texter, AConversation().InState("back").WithReplies(tally.Since, tally.Replies + 1), left.ETag, NewReceipt(), Cancellation);

        var back = await Store.ReadForMessageAsync(texter, NewMessageSid(), Cancellation);
        Assert.Equal("back", back.Conversation!.StateId);
        Assert.Equal(tally.Replies + 1, back.Conversation.Replies);
        Assert.Null(back.Tally);
    }

    [Fact]
    public async Task Forget_can_leave_an_opt_out_that_holds_nothing_else()
    {
        var texter = NewTexter();
        var dueAt = Epoch.AddHours(2);
        await Store.SaveWithReceiptAsync(texter, AConversation().WithEverythingSet().WithScheduledFollowUp(dueAt), null, NewReceipt(), Cancellation);
        await Index.AddEntryAsync(texter, dueAt, Cancellation);
        Conversation optOut = AConversation().InState("welcome").OptedOut().StartedAt(Epoch.AddHours(1)).LastMessageAt(Epoch.AddHours(1)).WithReplies(Epoch.AddHours(1), 2);

        Assert.True(await Store.ForgetAsync(texter, NewMessageSid(), ForgetRemainder.OptOut(optOut), Cancellation));

        var left = await Store.ReadAsync(texter, Cancellation);
        Assert.Equal(optOut, left?.Conversation);
        Assert.Empty(left!.Conversation.Receipts);
        Assert.Null(left.Conversation.Email);
        Assert.Empty(await Index.ReadDueAsync(dueAt, null, 10, Cancellation));
    }

    [Fact]
    public async Task Delete_erases_a_tally_too_and_forgetting_with_nothing_to_leave_erases_one()
    {
        var (deleted, forgotten) = (NewTexter(), NewTexter());
        var tally = ForgetRemainder.Of(new ReplyTally(Epoch, Epoch.AddMinutes(10), 1, 0));
        await Store.ForgetAsync(deleted, NewMessageSid(), tally, Cancellation);
        await Store.ForgetAsync(forgotten, NewMessageSid(), tally, Cancellation);

        await Store.DeleteAsync(deleted, Cancellation);
        await Store.ForgetAsync(forgotten, NewMessageSid(), ForgetRemainder.Nothing, Cancellation);

        Assert.Equal(new ConversationSnapshot(null, null, null), await Store.ReadForMessageAsync(deleted, NewMessageSid(), Cancellation));
        Assert.Equal(new ConversationSnapshot(null, null, null), await Store.ReadForMessageAsync(forgotten, NewMessageSid(), Cancellation));
    }

    [Fact]
    public async Task Of_twenty_parallel_saves_with_the_same_etag_exactly_one_wins()
    {
        var texter = NewTexter();
        var etag = await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Store.SaveWithReceiptAsync(texter, AConversation().InState($"s{i}"), etag, NewReceipt(), Cancellation);
                return (Won: true, State: $"s{i}");
            }
            catch (ConcurrencyConflictException)
            {
                return (Won: false, State: "");
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome.Won);
        Assert.Equal(winner.State, (await Store.ReadAsync(texter, Cancellation))!.Conversation.StateId);
    }

    [Fact]
    public async Task Of_twenty_parallel_first_saves_of_one_message_exactly_one_wins_and_its_reply_stays()
    {
        var texter = NewTexter();
        var messageId = NewMessageSid();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(messageId, $"reply {i}"), Cancellation);
                return $"reply {i}";
            }
            catch (ConcurrencyConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.Equal(winner, (await Store.ReadForMessageAsync(texter, messageId, Cancellation)).Receipt!.Reply);
    }

    [Fact]
    public async Task Twenty_parallel_load_decide_save_loops_lose_no_update()
    {
        var texter = NewTexter();
        var attempts = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var messageId = NewMessageSid();
            for (var attempt = 1; ; attempt++)
            {
                var snapshot = await Store.ReadForMessageAsync(texter, messageId, Cancellation);
                var path = snapshot.Conversation?.Path ?? [];
                Conversation next = AConversation().InState($"count {path.Count + 1}").WithPath([.. path, $"text {i}"]);
                try
                {
                    await Store.SaveWithReceiptAsync(texter, next, snapshot.ETag, Receipt(messageId), Cancellation);
                    attempts.Add(attempt);
                    return;
                }
                catch (ConcurrencyConflictException) when (attempt < 200)
                {
                    await Task.Yield();
                }
            }
        }));

        var stored = (await Store.ReadAsync(texter, Cancellation))!.Conversation;
        Assert.Equal("count 20", stored.StateId);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"text {i}").Order(), stored.Path.Order());
        Assert.Equal(20, attempts.Count);
    }
}
