using System.Diagnostics;
using System.Net;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.Understanding;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Signing;
using InterviewTextLine.TestKit.Webhooks;

namespace InterviewTextLine.Benchmarks;

/// <summary>What understanding free text costs: start-up with the model, the process's memory, and the time per text.</summary>
internal static class UnderstandingBench
{
    internal sealed record Result(
        TimeSpan StartToFirstReply,
        long WorkingSetBefore,
        long WorkingSetAfter,
        long ManagedBefore,
        long ManagedAfter,
        LatencyResult Classify,
        LatencyResult Rules,
        int FreeTexts);

    /// <summary>Must run first in the process: it measures the model's one load, inside the first reply.</summary>
    public static async Task<Result> RunAsync(int rounds, CancellationToken cancellationToken)
    {
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;

        // Start to first reply: the serve host (what the worker runs too) from nothing to a signed text answered.
        var clock = Stopwatch.StartNew();
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
        options.Settings["Twilio:AuthToken"] = BenchTexters.AuthToken;
        await using (var app = ServeHost.Build(options, services => services.RemoveAll<ILoggerProvider>()))
        {
            await app.StartAsync(cancellationToken);
            var signedUrl = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.WebhookBaseUrl.TrimEnd('/') + ServeHost.WebhookRoute;
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/')) };
            var fields = TwilioForm.Fields("+15555550100", InMemoryLine.LineNumber, "the interviewer keeps mocking my accent", TestData.NewMessageSid());
            using var request = new HttpRequestMessage(HttpMethod.Post, ServeHost.WebhookRoute) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(BenchTexters.AuthToken, signedUrl, fields));
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The first text got {(int)response.StatusCode}.");
            }

            clock.Stop();
            await app.StopAsync(CancellationToken.None);
        }

        // The understanding as the line builds it: the shipped classifier and policy of the default language,
        // loaded by one first read, so the memory measured after holds the model.
        var script = FlowLoader.LoadEmbedded();
        var start = script.State(script.Start);
        var understander = new TextUnderstanding(MiniLmSentenceEmbedder.Shared, new FlowScripts([script])).Understander(script);
        understander.Understand(TextReading.Of("the interviewer said something odd"), start, justAskedBack: false);
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = Environment.WorkingSet;

        // Time per text, in process, one at a time: every first text of the evaluation split (free text
        // the model reads), and the keyword and number path (rules only) for comparison. Each text is read
        // afresh, as the line reads each inbound text once.
        var texts = Corpus.Evaluation(script.Language).Where(text => text.IsFirstText).Select(text => text.Text).ToList();
        string[] keywords = ["1", "2", "3", "4", "5", "6", "two", "#3", "rude", "deal breaker", "not for me"];
        foreach (var text in texts)
        {
            understander.Understand(TextReading.Of(text), start, justAskedBack: false);
        }

        var free = new List<double>();
        var rules = new List<double>();
        var total = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var text in texts)
            {
                var one = Stopwatch.GetTimestamp();
                understander.Understand(TextReading.Of(text), start, justAskedBack: false);
                free.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }

            foreach (var keyword in keywords)
            {
                var one = Stopwatch.GetTimestamp();
                understander.Understand(TextReading.Of(keyword), start, justAskedBack: false);
                rules.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }
        }

        return new Result(clock.Elapsed, workingSetBefore, workingSetAfter, managedBefore, managedAfter,
            LatencyResult.FromSamples(free, total.Elapsed), LatencyResult.FromSamples(rules, total.Elapsed), texts.Count);
    }
}
