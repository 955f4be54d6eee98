using System.Net;
using System.Text;
using Azure.Data.Tables;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Signing;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// The limits, from outside: <c>textline serve</c> over HTTP with conversations in Table Storage on Azurite. A long
/// history stays one row and FORGET erases it whole, once; one number gets a bounded number of replies; the body is
/// bounded before it is read; a control character or a punctuated opt-out word is answered as the line answers it.
/// </summary>
public sealed class LimitsOverHttpTests(AzuriteAssemblyFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_500_texts_a_number_is_one_row_and_forget_erases_it_from_every_table_once_even_when_replayed()
    {
        // The cap would silence most of 500 texts; lifted here so every one of them is handled and recorded.
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Limits:RepliesPerNumber"] = "1000" });
        var texter = line.Get<PhoneHasher>().Texter(InboundSms.TexterNumber, InboundSms.LineNumber).Value;
        string[] bodies = ["hi", "1", "WORDS", "yes", "WHY", "MENU", "2", "he was so rude", "DONE", "EMAIL pat@example.org"];
        for (var i = 0; i < 500; i++)
        {
            using var response = await line.TextAsync(InboundSms.Text(bodies[i % bodies.Length]));
            Assert.Single(await Twiml.MessagesAsync(response));
        }

        var rows = await RowsOfAsync(line, texter);
        var conversation = (await line.Get<TableConversationStore>().ReadAsync(new TexterId(texter), Cancellation))!.Conversation;
        Assert.Equal(["conversations: conversation"], rows.Where(row => row.StartsWith("conversations", StringComparison.Ordinal)));
        Assert.Contains(rows, row => row.StartsWith("followups", StringComparison.Ordinal));
        Assert.Equal(MessageReceipts.Capacity, conversation.Receipts.Count);

        var forget = InboundSms.Text("FORGET");
        using (var forgotten = await line.TextAsync(forget))
        {
            Assert.Equal([Message(line, MessageKeys.Forgotten)], await Twiml.MessagesAsync(forgotten));
        }

        // All that stays is the reply cap's count, in the conversation's place, until its window closes.
        Assert.Equal(["conversations: conversation"], await RowsOfAsync(line, texter));
        var tally = (await line.Conversations.GetEntityAsync<TableEntity>(texter, "conversation", cancellationToken: Cancellation)).Value;
        Assert.Equal(501, tally.GetInt32("Replies"));
        Assert.False(tally.ContainsKey("StateId"));
        Assert.False(tally.ContainsKey("Email"));
        Assert.False(tally.ContainsKey("Receipts"));

        // The texter comes back and asks for a summary (to an address that has not had one today); then Twilio
        // delivers the old FORGET again.
        using (var back = await line.TextAsync(InboundSms.Text("2")))
        using (var email = await line.TextAsync(InboundSms.Text("EMAIL sam@example.org")))
        {
            Assert.Single(await Twiml.MessagesAsync(back));
            Assert.Single(await Twiml.MessagesAsync(email));
        }

        var before = await StoredState.SnapshotAsync(line);
        var indexBefore = await RowsOfAsync(line, texter);
        using var replayed = await line.TextAsync(forget);

        Assert.Equal([Message(line, MessageKeys.Forgotten)], await Twiml.MessagesAsync(replayed));
        Assert.Equal(before, await StoredState.SnapshotAsync(line));
        Assert.Equal(indexBefore, await RowsOfAsync(line, texter));
        Assert.Contains("followups: due", indexBefore, StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_hundred_texts_from_one_number_in_a_minute_get_at_most_the_capped_number_of_replies()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var replies = 0;
        for (var i = 0; i < 100; i++)
        {
            using var response = await line.TextAsync(InboundSms.Text(i % 2 == 0 ? "WORDS" : "hello?"));
            replies += (await Twiml.MessagesAsync(response)).Count;
        }

        Assert.Equal(new LimitsOptions().RepliesPerNumber, replies);
        Assert.Contains(line.Logs.GetSnapshot(), record => record.Id.Id == 1104);
    }

    [Theory]
    [InlineData(ServeHost.WebhookRoute)]
    [InlineData(ServeHost.FallbackRoute)]
    public async Task A_signed_text_with_a_nul_gets_a_200_with_a_reply_and_an_unsigned_one_a_403(string route)
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var sms = InboundSms.Text("he\0llo");

        using var signed = await line.PostAsync(route, sms.Fields, line.Sign(route, sms.Fields));
        using var forged = await line.PostAsync(route, sms.Fields, line.Sign(route, InboundSms.Text("hello").Fields));

        var reply = Assert.Single(await Twiml.MessagesAsync(signed));
        Assert.Equal(
            route == ServeHost.WebhookRoute ? Message(line, MessageKeys.Unknown, "welcome") : line.Get<SmsFallbackHandler>().ApologyText,
            reply);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Theory]
    [InlineData(ServeHost.WebhookRoute, true)]
    [InlineData(ServeHost.WebhookRoute, false)]
    [InlineData(ServeHost.FallbackRoute, true)]
    [InlineData(ServeHost.FallbackRoute, false)]
    public async Task An_unsigned_1_mb_body_gets_a_413_without_being_parsed(string route, bool withLength)
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);

        // One field name of a megabyte: parsed, it would be a 400 (too long a name); read at all, a 403 (unsigned).
        var body = Encoding.ASCII.GetBytes(new string('k', 1024 * 1024) + "=v");
        HttpContent content = withLength ? new ByteArrayContent(body) : new StreamContent(new NoLengthStream(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        using var response = await line.Client.PostAsync(route, content, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"larger than {TwilioOptions.DefaultMaxBodyBytes} bytes", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Empty(await line.RowsAsync());
    }

    [Fact]
    public async Task A_form_with_more_fields_than_twilio_ever_sends_gets_a_400_with_the_reason()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var fields = InboundSms.Text("hi").Fields.Concat(Enumerable.Range(0, TwilioOptions.DefaultMaxFields).Select(i => KeyValuePair.Create($"Extra{i}", "x"))).ToList();

        using var response = await line.PostAsync(ServeHost.WebhookRoute, fields, line.Sign(ServeHost.WebhookRoute, fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {TwilioOptions.DefaultMaxFields} fields", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Stop!")]
    [InlineData("stop.")]
    [InlineData("STOP")]
    [InlineData(" quit ")]
    public async Task An_opt_out_word_with_punctuation_gets_an_empty_response_from_the_fallback_as_from_the_line(string body)
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var sms = InboundSms.Text(body);

        using var fallback = await line.PostAsync(ServeHost.FallbackRoute, sms.Fields, line.Sign(ServeHost.FallbackRoute, sms.Fields));
        using var main = await line.TextAsync(sms);

        var sentence = InboundSms.Text("stop it!").Fields;
        using var notOptOut = await line.PostAsync(ServeHost.FallbackRoute, sentence, line.Sign(ServeHost.FallbackRoute, sentence));

        Assert.Empty(await Twiml.MessagesAsync(fallback));
        Assert.Empty(await Twiml.MessagesAsync(main));
        Assert.Single(await Twiml.MessagesAsync(notOptOut));
    }

    [Fact]
    public async Task A_url_with_an_upper_case_host_a_port_and_an_escaped_query_is_validated_as_configured()
    {
        const string baseUrl = "https://Line.Example.org:8443";
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Twilio:WebhookBaseUrl"] = baseUrl });
        var sms = InboundSms.Text("hi");

        // Sent byte for byte over a socket: HttpClient itself would turn %7e into ~ before sending.
        const string target = ServeHost.WebhookRoute + "?source=%7etwilio";
        var exact = await PostRawAsync(line, target, sms.Fields, TwilioTestSigner.Sign(WebhookTestHost.AuthToken, baseUrl + target, sms.Fields));
        var canonical = await PostRawAsync(line, target, sms.Fields, TwilioTestSigner.Sign(WebhookTestHost.AuthToken, "https://line.example.org:8443/api/sms?source=~twilio", sms.Fields));

        Assert.StartsWith("HTTP/1.1 200", exact, StringComparison.Ordinal);
        Assert.Contains("</Message>", exact, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", canonical, StringComparison.Ordinal);
    }

    /// <summary>Posts a form with the request target exactly as given, and returns the whole response as text.</summary>
    private static async Task<string> PostRawAsync(ServedLine line, string target, IReadOnlyDictionary<string, string> fields, string signature)
    {
        var body = await new FormUrlEncodedContent(fields).ReadAsStringAsync(Cancellation);
        var address = new Uri(line.App.Urls.First());
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port, Cancellation);
        await using var stream = client.GetStream();
        var request = $"POST {target} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + $"Content-Length: {Encoding.ASCII.GetByteCount(body)}\r\n{TwilioSignatureValidator.SignatureHeader}: {signature}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Cancellation);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Cancellation);
    }

    private static string Message(ServedLine line, string key, string? hintOfState = null)
    {
        var engine = line.Get<ConversationEngine>();
        return engine.Render(engine.Script.Message(key), hintOfState is null ? null : engine.Script.State(hintOfState).Hint);
    }

    /// <summary>Every row of both tables that names the texter anywhere, as "table: partition-or-row".</summary>
    private static async Task<List<string>> RowsOfAsync(ServedLine line, string texter)
    {
        var found = new List<string>();
        foreach (var (name, table) in new[] { ("conversations", line.Conversations), ("followups", line.FollowUps) })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: Cancellation))
            {
                if (entity.PartitionKey.Contains(texter, StringComparison.Ordinal)
                    || entity.RowKey.Contains(texter, StringComparison.Ordinal)
                    || ((IDictionary<string, object>)entity).Values.OfType<string>().Any(value => value.Contains(texter, StringComparison.Ordinal)))
                {
                    found.Add($"{name}: {(entity.PartitionKey == texter ? entity.RowKey : entity.PartitionKey)}");
                }
            }
        }

        return found;
    }

    /// <summary>A body sent chunked, with no Content-Length to refuse it by.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
