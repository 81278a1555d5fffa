using Spectre.Console;

namespace WasmCloud.Wash;

/// <summary>The tables wash prints: borderless columns under bold headings, like upstream wash's.</summary>
internal static class Tables
{
    public static Table Plain(params string[] headings)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var heading in headings) table.AddColumn(new TableColumn(heading.Length > 0 ? $"[bold]{Markup.Escape(heading)}[/]" : ""));
        if (headings.All(h => h.Length == 0)) table.HideHeaders();
        return table;
    }

    /// <summary>Adds a row of plain text (lattice data may hold brackets, which Spectre would read as markup).</summary>
    public static void AddTextRow(this Table table, params string[] cells) => table.AddRow(cells.Select(cell => new Text(cell)).ToArray<Spectre.Console.Rendering.IRenderable>());
}
