using System.Text;

namespace WasmCloud.Lattice;

/// <summary>
/// Uptime in the words upstream's hosts use (Rust's humantime over whole seconds): <c>"1day 2h 3m 4s"</c>,
/// <c>"30s"</c>, <c>"0s"</c>; a month is 30.44 days and a year 365.25, as there.
/// </summary>
public static class Uptime
{
    public static string Human(ulong seconds)
    {
        if (seconds == 0) return "0s";
        const ulong year = 31_557_600, month = 2_630_016, day = 86_400;
        var parts = new StringBuilder();
        Append(parts, seconds / year, "year", plural: true);
        Append(parts, seconds % year / month, "month", plural: true);
        var monthRest = seconds % year % month;
        Append(parts, monthRest / day, "day", plural: true);
        var dayRest = monthRest % day;
        Append(parts, dayRest / 3600, "h", plural: false);
        Append(parts, dayRest % 3600 / 60, "m", plural: false);
        Append(parts, dayRest % 60, "s", plural: false);
        return parts.ToString();
    }

    private static void Append(StringBuilder parts, ulong count, string unit, bool plural)
    {
        if (count == 0) return;
        if (parts.Length > 0) parts.Append(' ');
        parts.Append(count).Append(unit);
        if (plural && count > 1) parts.Append('s');
    }
}
