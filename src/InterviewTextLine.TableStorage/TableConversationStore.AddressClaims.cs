using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <remarks>
/// The address claims: one row per address in partition <c>summaries</c> of the conversations table, keyed by the
/// address's keyed hash, holding the claimant (a hash that names one conversation) and when the claim expires.
/// Claiming is an insert, or a replace conditional on the ETag of an expired claim, so of two conversations claiming
/// the same address at once exactly one wins. The retention sweep deletes expired claims.
/// </remarks>
public sealed partial class TableConversationStore
{
    private const string ClaimantColumn = "Claimant";
    private const string UntilColumn = "Until";

    public async Task<bool> TryClaimAddressAsync(AddressKey address, string claimant, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        var rowKey = StorageKeys.AddressRow(address);
        var claim = new TableEntity(StorageKeys.ClaimsPartition, rowKey) { [ClaimantColumn] = claimant, [UntilColumn] = until.ToUniversalTime() };
        for (var attempt = 1; ; attempt++)
        {
            var held = await WithTablesAsync(
                () => _conversations.GetEntityIfExistsAsync<TableEntity>(StorageKeys.ClaimsPartition, rowKey, cancellationToken: cancellationToken),
                cancellationToken);
            try
            {
                if (!held.HasValue || held.Value is not { } current)
                {
                    await _conversations.AddEntityAsync(claim, cancellationToken);
                    return true;
                }

                if (current.GetDateTimeOffset(UntilColumn) is { } heldUntil && heldUntil > now)
                {
                    return string.Equals(current.GetString(ClaimantColumn), claimant, StringComparison.Ordinal);
                }

                await _conversations.UpdateEntityAsync(claim, current.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (IsConflict(ex) && attempt < 5)
            {
                // Another conversation claimed or renewed it between the read and the write: read it again.
                LogSaveConflict(_logger, ex.Status, duplicate: false);
            }
        }
    }
}
