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
        LatencyResult Long,
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
        await using var app = ServeHost.Build(options, services => services.RemoveAll<ILoggerProvider>());
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
        }

        // The memory of the line as it serves: the host above warmed every language's understanding (the sentence
        // model, each classifier, the detector) before it took the text.
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetAfter = Environment.WorkingSet;
        await app.StopAsync(CancellationToken.None);

        var script = FlowLoader.LoadEmbedded();
        var start = script.State(script.Start);
        var scripts = new FlowScripts([script]);
        var understander = new TextUnderstanding(MiniLmSentenceEmbedder.Shared, scripts, new InterviewTextLine.Core.Languages.LanguageRegistry(InterviewTextLine.Core.Languages.BuiltInLanguages.All)).Understander(script, scripts.Keywords);
        understander.Understand(TextReading.Of("the interviewer said something odd"), start, justAskedBack: false);

        // Time per text, in process, one at a time: every first text of the evaluation split (free text
        // the model reads), and the keyword and number path (rules only) for comparison. Each text is read
        // afresh, as the line reads each inbound text once.
        var texts = Corpus.Evaluation(script.Language).Where(text => text.IsFirstText).Select(text => text.Text).ToList();
        string[] keywords = ["1", "2", "3", "4", "5", "6", "two", "#3", "rude", "deal breaker", "not for me"];
        foreach (var text in texts)
        {
            understander.Understand(TextReading.Of(text), start, justAskedBack: false);
        }

        // The longest text the line reads: 1,600 characters of random 6-9-letter words, which no rule settles and
        // the spelling corrector finds nothing in. Its work is bounded by the reading's cut (TextReading).
        var random = new Random(7);
        var longTexts = Enumerable.Range(0, 20).Select(_ => string.Join(' ', Enumerable.Range(0, 400).Select(_ => new string([.. Enumerable.Range(0, random.Next(6, 10)).Select(_ => (char)('a' + random.Next(26)))])))[..TextReading.MaxLength]).ToList();
        var free = new List<double>();
        var rules = new List<double>();
        var longs = new List<double>();
        var total = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var text in texts)
            {
                var one = Stopwatch.GetTimestamp();
                understander.Understand(TextReading.Of(text), start, justAskedBack: false);
                free.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }

            foreach (var text in longTexts)
            {
                var one = Stopwatch.GetTimestamp();
                understander.Understand(TextReading.Of(text), start, justAskedBack: false);
                longs.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }

            foreach (var keyword in keywords)
            {
                var one = Stopwatch.GetTimestamp();
                understander.Understand(TextReading.Of(keyword), start, justAskedBack: false);
                rules.Add(Stopwatch.GetElapsedTime(one).TotalMilliseconds);
            }
        }

        return new Result(clock.Elapsed, workingSetBefore, workingSetAfter, managedBefore, managedAfter,
            LatencyResult.FromSamples(free, total.Elapsed), LatencyResult.FromSamples(rules, total.Elapsed), LatencyResult.FromSamples(longs, total.Elapsed), texts.Count);
    }
}
