using System.Net;
using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary><c>textline serve --storage ...</c>: the webhook over HTTP with conversations in Table Storage (Azurite).</summary>
public sealed class ServeOnAzuriteTests(AzuriteAssemblyFixture azurite)
{
    [Fact]
    public async Task A_signed_text_is_answered_and_its_conversation_lands_in_table_storage_and_a_forged_one_changes_nothing()
    {
        var tables = FreshTables.New("serve");
        var table = tables.ConversationsTable;
        var options = Options(tables);
        await using var app = ServeHost.Build(options);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var sms = InboundSms.Text("hi");
        var url = app.Urls.First().TrimEnd('/') + ServeHost.WebhookRoute;

        using var signed = await Post(client, sms.Fields, TwilioTestSigner.Sign(WebhookTestHost.AuthToken, url, sms.Fields));
        var afterSigned = await EntityCountAsync(table);
        using var forged = await Post(client, InboundSms.Text("hi").Fields, "forged");

        Assert.Single(await Twiml.MessagesAsync(signed));
        Assert.Equal("TableConversationStore", app.Services.GetRequiredService<IConversationStore>().GetType().Name);
        Assert.True(afterSigned > 0, "The conversation was not written to Table Storage.");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(afterSigned, await EntityCountAsync(table));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Without_storage_settings_serve_keeps_conversations_in_memory()
    {
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
        options.Settings["Twilio:AuthToken"] = WebhookTestHost.AuthToken;
        var app = ServeHost.Build(options);

        Assert.IsType<InMemoryConversationStore>(app.Services.GetRequiredService<IConversationStore>());
    }

    private ServeHostOptions Options(FreshTables tables)
    {
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false, StorageConnectionString = azurite.ConnectionString };
        options.Settings["Twilio:AuthToken"] = WebhookTestHost.AuthToken;
        tables.ApplyTo(options.Settings);
        return options;
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, IReadOnlyDictionary<string, string> fields, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ServeHost.WebhookRoute) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", signature);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<int> EntityCountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in azurite.CreateServiceClient().GetTableClient(table).QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            count++;
        }

        return count;
    }
}
