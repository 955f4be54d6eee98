using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Storage;

namespace InterviewTextLine.Integration.Tests.Storage;

/// <summary>The shared store contract against Table Storage on Azurite, each test on fresh tables.</summary>
public sealed class TableConversationStoreContractTests(AzuriteAssemblyFixture azurite) : ConversationStoreContract
{
    private IsolatedTableStore? _tables;

    protected override async Task<IConversationStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        _tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), cancellationToken);
        return _tables.Store;
    }

    protected override async Task DisposeStoreAsync(IConversationStore store)
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }
}
