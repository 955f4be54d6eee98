namespace InterviewTextLine.Core.Storage;

/// <remarks>
/// The retention scan, in memory: texter ids, then the FORGET records, then the address claims, in the table's
/// key order, a page at a time; the checkpoint is the last key read.
/// </remarks>
public sealed partial class InMemoryConversationStore
{
    public Task<RetentionPage> ReadPageAsync(DateTimeOffset idleSince, DateTimeOffset forgottenBefore, DateTimeOffset expiredBefore, string? resumeAt, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // The same order as the table: texter ids (hex digits) first, then the FORGET records, then the claims.
            var rows = _rows.Keys.Select(texter => texter.Value)
                .Concat(_tombstones.Keys.Select(key => ForgottenPrefix + key))
                .Concat(_claims.Keys.Select(key => ClaimsPrefix + key))
                .Where(key => resumeAt is null || string.CompareOrdinal(key, resumeAt) > 0)
                .Order(StringComparer.Ordinal)
                .Take(pageSize + 1)
                .ToList();
            var page = rows.Take(pageSize).ToList();
            var idle = new List<TexterId>();
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            var leftovers = new List<string>();
            foreach (var key in page)
            {
                if (key.StartsWith(ForgottenPrefix, StringComparison.Ordinal))
                {
                    if (_tombstones[key[ForgottenPrefix.Length..]] < forgottenBefore)
                    {
                        leftovers.Add(key);
                    }
                }
                else if (key.StartsWith(ClaimsPrefix, StringComparison.Ordinal))
                {
                    var claim = _claims[key[ClaimsPrefix.Length..]];
                    if (claim.Until < expiredBefore)
                    {
                        leftovers.Add(key + "/" + claim.ETag);
                    }
                }
                else
                {
                    var row = _rows[new TexterId(key)];
                    if (row.Conversation is { } conversation)
                    {
                        if (conversation.LastMessageAt < idleSince)
                        {
                            idle.Add(new TexterId(key));
                            states[key] = conversation.StateId;
                        }
                    }
                    else if (row.Tally is { } tally && tally.Until < expiredBefore)
                    {
                        leftovers.Add(key + "/" + row.ETag);
                    }
                }
            }

            return Task.FromResult(new RetentionPage(idle, leftovers, rows.Count > pageSize ? page[^1] : null) { IdleStates = states });
        }
    }

    public Task DeleteLeftoversAsync(IReadOnlyList<string> leftovers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leftovers);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var key in leftovers)
            {
                if (key.StartsWith(ForgottenPrefix, StringComparison.Ordinal))
                {
                    _tombstones.Remove(key[ForgottenPrefix.Length..]);
                    continue;
                }

                // "<key>/<etag>": deleted only if nothing wrote it again since the page was read.
                var (rowKey, etag) = SplitVersioned(key.StartsWith(ClaimsPrefix, StringComparison.Ordinal) ? key[ClaimsPrefix.Length..] : key);
                if (key.StartsWith(ClaimsPrefix, StringComparison.Ordinal))
                {
                    if (_claims.TryGetValue(rowKey, out var claim) && claim.ETag == etag)
                    {
                        _claims.Remove(rowKey);
                    }
                }
                else if (_rows.TryGetValue(new TexterId(rowKey), out var row) && row.Conversation is null && row.ETag == etag)
                {
                    _rows.Remove(new TexterId(rowKey));
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<string?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_checkpoint);
        }
    }

    public Task WriteCheckpointAsync(string? resumeAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _checkpoint = resumeAt;
        }

        return Task.CompletedTask;
    }

    private static (string Key, string ETag) SplitVersioned(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (reference[..slash], reference[(slash + 1)..]) : (reference, "");
    }
}
