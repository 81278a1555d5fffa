namespace WasmCloud.Components.Wit;

// Interface and world bodies: use items, type definitions, functions, imports, exports and includes.
public sealed partial class WitParser
{
    private List<WitInterfaceItem> InterfaceBody()
    {
        Symbol("{");
        var items = new List<WitInterfaceItem>();
        while (!TrySymbol("}")) items.Add(InterfaceItem(SkipGates()));
        return items;
    }

    private WitInterfaceItem InterfaceItem(string? docs)
    {
        if (TryKeyword("use")) return UseItem();
        if (TypeDefinition(docs) is { } type) return type;
        var name = Identifier();
        Symbol(":");
        var function = FuncType();
        Symbol(";");
        return new WitFunction(name, function, docs);
    }

    private WitUse UseItem()
    {
        var path = UsePath();
        Symbol(".");
        Symbol("{");
        var names = new List<(string, string?)>();
        do
        {
            if (Current.Kind == WitTokenKind.Symbol && Current.Text == "}") break;
            var name = Identifier();
            names.Add((name, TryKeyword("as") ? Identifier() : null));
        }
        while (TrySymbol(","));
        Symbol("}");
        Symbol(";");
        return new WitUse(path, names);
    }

    private List<WitWorldItem> WorldBody()
    {
        Symbol("{");
        var items = new List<WitWorldItem>();
        while (!TrySymbol("}"))
        {
            var docs = SkipGates();
            if (IsKeyword("import") || IsKeyword("export")) items.Add(WorldExtern(docs));
            else if (TryKeyword("include")) items.Add(Include());
            else items.Add(new WitWorldInterfaceItem(TypeDefinition(docs) ?? (IsKeyword("use") ? InterfaceItem(docs) : throw Error("expected `import`, `export`, `include`, `use` or a type definition"))));
        }
        return items;
    }

    private WitWorldExtern WorldExtern(string? docs)
    {
        bool isImport = IsKeyword("import");
        Next();
        // `import name: func…;`, `import name: interface { … }`, or `import path;`.
        if (Peek(1) is { Kind: WitTokenKind.Symbol, Text: ":" } && Peek(2) is { Kind: WitTokenKind.Identifier } next
            && !next.IsEscaped && next.Text is "func" or "async" or "interface")
        {
            var name = Identifier();
            Symbol(":");
            if (TryKeyword("interface")) return new WitWorldExtern(isImport, new WitExternInterface(name, InterfaceBody()), docs);
            var function = FuncType();
            Symbol(";");
            return new WitWorldExtern(isImport, new WitExternFunction(name, function), docs);
        }
        var path = UsePath();
        Symbol(";");
        return new WitWorldExtern(isImport, new WitExternPath(path), docs);
    }

    private WitInclude Include()
    {
        var world = UsePath();
        var with = new List<(string, string)>();
        if (TryKeyword("with"))
        {
            Symbol("{");
            do
            {
                if (Current.Kind == WitTokenKind.Symbol && Current.Text == "}") break;
                var name = Identifier();
                Keyword("as");
                with.Add((name, Identifier()));
            }
            while (TrySymbol(","));
            Symbol("}");
            return new WitInclude(world, with);
        }
        Symbol(";");
        return new WitInclude(world, with);
    }

    private WitTypeDefinition? TypeDefinition(string? docs)
    {
        if (TryKeyword("type"))
        {
            var name = Identifier();
            Symbol("=");
            var type = Type();
            Symbol(";");
            return new WitTypeAlias(name, type, docs);
        }
        if (TryKeyword("record")) return new WitRecord(Identifier(), Braced(fieldDocs => new WitField(Identifier(), AfterColon(Type), fieldDocs), "field"), docs);
        if (TryKeyword("variant")) return new WitVariant(Identifier(), Braced(Case, "case"), docs);
        if (TryKeyword("enum")) return new WitEnum(Identifier(), Braced(_ => Identifier(), "case"), docs);
        if (TryKeyword("flags")) return new WitFlags(Identifier(), Braced(_ => Identifier(), "flag"), docs);
        if (TryKeyword("resource")) return Resource(docs);
        return null;
    }

    private WitCase Case(string? docs)
    {
        var name = Identifier();
        WitType? type = null;
        if (TrySymbol("("))
        {
            type = Type();
            Symbol(")");
        }
        return new WitCase(name, type, docs);
    }

    /// <summary><c>{ a, b, c }</c> with an optional trailing comma; each element may have docs and gates before it.</summary>
    private List<T> Braced<T>(Func<string?, T> element, string what)
    {
        Symbol("{");
        if (IsSymbol("}")) throw Error($"expected at least one {what}");
        var elements = new List<T>();
        while (!TrySymbol("}"))
        {
            elements.Add(element(SkipGates()));
            if (!TrySymbol(","))
            {
                Symbol("}");
                break;
            }
        }
        return elements;
    }

    private T AfterColon<T>(Func<T> parse)
    {
        Symbol(":");
        return parse();
    }

    private WitResource Resource(string? docs)
    {
        var name = Identifier();
        var members = new List<WitResourceMember>();
        if (TrySymbol(";")) return new WitResource(name, members, docs);
        Symbol("{");
        while (!TrySymbol("}"))
        {
            var memberDocs = SkipGates();
            if (TryKeyword("constructor"))
            {
                var parameters = Parameters();
                WitType? result = null;
                if (Current.Kind == WitTokenKind.Arrow)
                {
                    Next();
                    result = Type();
                }
                members.Add(new WitResourceMember(WitResourceMemberKind.Constructor, "constructor", new WitFuncType(parameters, result), memberDocs));
            }
            else
            {
                var member = Identifier();
                Symbol(":");
                bool isStatic = TryKeyword("static");
                members.Add(new WitResourceMember(isStatic ? WitResourceMemberKind.Static : WitResourceMemberKind.Method, member, FuncType(), memberDocs));
            }
            Symbol(";");
        }
        return new WitResource(name, members, docs);
    }

    private WitFuncType FuncType()
    {
        if (TryKeyword("async")) throw Error("async functions are not supported");
        Keyword("func");
        var parameters = Parameters();
        if (Current.Kind != WitTokenKind.Arrow) return new WitFuncType(parameters, null);
        Next();
        return new WitFuncType(parameters, Type());
    }

    private List<WitParameter> Parameters()
    {
        Symbol("(");
        var parameters = new List<WitParameter>();
        while (!TrySymbol(")"))
        {
            parameters.Add(new WitParameter(Identifier(), AfterColon(Type)));
            if (!TrySymbol(","))
            {
                Symbol(")");
                break;
            }
        }
        return parameters;
    }
}
