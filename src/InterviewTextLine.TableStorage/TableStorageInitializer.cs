using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.TableStorage;

/// <summary>Creates the tables at startup when they are missing, when the line keeps its conversations in Table Storage.</summary>
/// <remarks>
/// <para>
/// A failure is logged, not thrown: a host that cannot start also cannot serve Twilio's fallback URL,
/// which needs no storage and is what keeps texters answered while storage is down.
/// </para>
/// <para>
/// In Azure the app's data role is scoped to the two tables, which Bicep creates, so creating them is
/// refused with a 403. That is the deployment doing its job, not a fault: it is logged at Information.
/// </para>
/// </remarks>
internal sealed partial class TableStorageInitializer(IServiceProvider services, ILogger<TableStorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The store is resolved only when it is the one in use: without storage settings a local host keeps the
        // in-memory store, and building the table client would fail on the missing URI.
        if (!TableStorageServiceCollectionExtensions.InUse(services))
        {
            return;
        }

        try
        {
            await services.GetRequiredService<TableConversationStore>().CreateTablesIfNotExistsAsync(cancellationToken);
            LogTablesReady(logger);
        }
        catch (RequestFailedException ex) when (ex.Status == 403)
        {
            LogTablesLeftToDeployment(logger, ex.ErrorCode ?? "403");
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or TimeoutException or IOException)
        {
            LogTablesFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Table Storage tables are ready")]
    private static partial void LogTablesReady(ILogger logger);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Creating the Table Storage tables was refused ({ErrorCode}): the app's role is scoped to the tables, which the deployment creates")]
    private static partial void LogTablesLeftToDeployment(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Could not create the Table Storage tables at startup; requests will fail until storage is reachable")]
    private static partial void LogTablesFailed(ILogger logger, Exception exception);
}
