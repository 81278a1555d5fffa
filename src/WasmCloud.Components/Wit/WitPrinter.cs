using System.Text;
using WasmCloud.Components.Types;

namespace WasmCloud.Components.Wit;

/// <summary>
/// Prints a component's type as a WIT world, the way <c>wasm-tools component wit</c> does: a world
/// <c>root:component/root</c> naming its imports and exports, then one <c>package … { }</c> block per package
/// of the interfaces it mentions, types shared between interfaces written as <c>use</c>.
/// </summary>
public static class WitPrinter
{
    public static string PrintWorld(ComponentTypeInfo component)
    {
        var names = new WitTypeNames();
        var world = names.Scope(null);
        var types = new StringBuilder();
        var lines = new StringBuilder();
        var interfaces = new List<(WitUsePath Id, string Body)>();
        foreach (var (section, externs) in new[] { ("import", component.Imports), ("export", component.Exports) })
        {
            if (section == "export" && lines.Length > 0 && externs.Count > 0) lines.Append('\n');
            foreach (var (name, info) in externs)
            {
                switch (info)
                {
                    case InstanceExtern instance when WitInterfaceName.Parse(name) is { } id:
                        lines.Append($"  {section} {name};\n");
                        if (interfaces.All(i => !i.Id.Equals(id))) interfaces.Add((id, WitInterfacePrinter.Print(names, id, instance.Type, "    ")));
                        break;
                    case InstanceExtern instance:
                        var body = WitInterfacePrinter.Print(names, null, instance.Type, "    ");
                        lines.Append($"  {section} {WitTypeScope.Escape(name)}: interface {{\n{body}  }}\n");
                        break;
                    case FuncExtern function:
                        lines.Append($"  {section} {WitTypeScope.Escape(name)}: {world.Func(function.Type, skipSelf: false)};\n");
                        break;
                    case TypeExtern type:
                        types.Append(world.Define(name, type.Type, "  ", []));
                        break;
                    default:
                        throw new ComponentException($"`{name}` is not an interface, function or type, which WIT cannot describe");
                }
            }
        }
        var text = new StringBuilder("package root:component;\n\nworld root {\n").Append(world.Uses("  ")).Append(types).Append(lines).Append("}\n");
        foreach (var package in interfaces.GroupBy(i => i.Id.Package!))
        {
            text.Append($"package {package.Key} {{\n");
            foreach (var (id, body) in package) text.Append($"  interface {WitTypeScope.Escape(id.Interface)} {{\n{body}  }}\n");
            text.Append("}\n");
        }
        return text.ToString();
    }
}

/// <summary>An interface-id extern name, <c>ns:pkg/iface@version</c>, split into package and interface.</summary>
internal static class WitInterfaceName
{
    public static WitUsePath? Parse(string name)
    {
        int colon = name.IndexOf(':'), slash = name.IndexOf('/');
        if (colon < 0 || slash < colon) return null;
        int at = name.IndexOf('@', slash);
        var version = at < 0 ? null : name[(at + 1)..];
        var iface = at < 0 ? name[(slash + 1)..] : name[(slash + 1)..at];
        int lastColon = name.LastIndexOf(':', slash);
        return new WitUsePath(new WitPackageName(name[..lastColon], name[(lastColon + 1)..slash], version), iface);
    }
}
