using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>One store's implementations of the storage contracts, and what to dispose after the test.</summary>
/// <param name="Store">The conversation store.</param>
/// <param name="Index">The follow-up index over the same storage.</param>
/// <param name="Scan">The retention look-up over the same storage.</param>
/// <param name="Claims">The address claims over the same storage.</param>
/// <param name="Outbox">The handoff outbox over the same storage.</param>
/// <param name="Owner">Disposed after the test (tables of its own, say); null when there is nothing to release.</param>
public sealed record StorageUnderTest(IConversationStore Store, IFollowUpIndex Index, IRetentionScan Scan, IAddressClaims Claims, IHandoffOutbox Outbox, IAsyncDisposable? Owner = null)
{
    /// <summary>A store that implements all five contracts itself, as both shipped stores do.</summary>
    public static StorageUnderTest Of<TStore>(TStore store, IAsyncDisposable? owner = null)
        where TStore : IConversationStore, IFollowUpIndex, IRetentionScan, IAddressClaims, IHandoffOutbox =>
        new(store, store, store, store, store, owner);
}

/// <summary>Fresh, empty storage for every test of a contract suite.</summary>
public abstract class StorageContract : IAsyncLifetime
{
    private StorageUnderTest? _storage;

    private StorageUnderTest Storage => _storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    /// <summary>The conversation store under test.</summary>
    protected IConversationStore Store => Storage.Store;

    /// <summary>The follow-up index under test.</summary>
    protected IFollowUpIndex Index => Storage.Index;

    /// <summary>The retention look-up under test.</summary>
    protected IRetentionScan Scan => Storage.Scan;

    /// <summary>The address claims under test.</summary>
    protected IAddressClaims Claims => Storage.Claims;

    /// <summary>The handoff outbox under test.</summary>
    protected IHandoffOutbox Outbox => Storage.Outbox;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Creates empty storage, used by one test only.</summary>
    protected abstract Task<StorageUnderTest> CreateStorageAsync(CancellationToken cancellationToken);

    public async ValueTask InitializeAsync() => _storage = await CreateStorageAsync(Cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_storage?.Owner is { } owner)
        {
            await owner.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
