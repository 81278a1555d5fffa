namespace WasmCloud.Host.Capabilities.KeyValue;

/// <summary><c>list-keys</c> in pages: the cursor is an offset into the keys in order.</summary>
internal static class KeyPages
{
    public const int PageSize = 1000;

    public static (List<string> Keys, ulong? Cursor) Page(IEnumerable<string> keys, ulong? cursor)
    {
        var all = keys.Order(StringComparer.Ordinal).ToList();
        var start = (int)Math.Min((ulong)all.Count, cursor ?? 0);
        var page = all.Skip(start).Take(PageSize).ToList();
        return (page, start + page.Count < all.Count ? (ulong)(start + page.Count) : null);
    }
}
