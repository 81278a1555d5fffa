using System.Collections.Concurrent;
using Npgsql;
using WasmCloud.Components;
using WasmCloud.Components.Types;
using WasmCloud.Wasi.Preview2;

namespace WasmCloud.Host.Capabilities.Sql;

/// <summary>
/// The four functions of <c>wasmcloud:postgres@0.1.1-draft</c> against a data source, answered as the interface's
/// results: <c>query</c> (parameters bound, rows of named values), <c>query-batch</c> (statements with no parameters),
/// <c>prepare</c> (a token for a statement) and <c>exec</c> (the statement's rows affected). Parameters are always bound,
/// never spliced into the SQL. A bad parameter is <c>invalid-params</c>, an error Postgres reports is
/// <c>invalid-query</c> with its message, anything else (the server away, a column type the interface lacks)
/// <c>unexpected</c>.
/// </summary>
internal sealed class PostgresOperations
{
    public sealed record Operation(string Interface, string Name, FuncType Type);

    public static readonly Operation[] All =
    [
        new("query", "query", PostgresWit.Query),
        new("query", "query-batch", PostgresWit.QueryBatch),
        new("prepared", "prepare", PostgresWit.Prepare),
        new("prepared", "exec", PostgresWit.Exec),
    ];

    public static string Instance(Operation operation) => $"wasmcloud:postgres/{operation.Interface}@{PostgresWit.Version}";

    /// <summary>How Npgsql says a parameter's type is not among those it loaded when the pool first connected.</summary>
    private const string UnloadedType = "could not be found in the types that were loaded";

    private readonly ConcurrentDictionary<string, (NpgsqlDataSource Source, string Statement)> _prepared = new(StringComparer.Ordinal);

    public async Task<ComponentValue> AnswerAsync(Operation operation, Func<Task<NpgsqlDataSource>> source, ComponentValue[] args, CancellationToken cancel)
    {
        try
        {
            return await RunAsync(operation, source, args, cancel);
        }
        catch (Exception e) when (e.Message.Contains(UnloadedType, StringComparison.Ordinal))
        {
            // A type an extension added after the pool first connected (CREATE EXTENSION hstore): the pool learns the
            // database's types again, and the call is made once more.
            await (await source()).ReloadTypesAsync(cancel);
            return await RunAsync(operation, source, args, cancel);
        }
    }

    private async Task<ComponentValue> RunAsync(Operation operation, Func<Task<NpgsqlDataSource>> source, ComponentValue[] args, CancellationToken cancel)
    {
        try
        {
            return operation.Name switch
            {
                "query" => Val.Ok(await QueryAsync(await source(), Val.ToText(args[0]), Val.ToList(args[1]), cancel)),
                "query-batch" => await BatchAsync(await source(), Val.ToText(args[0]), cancel),
                "prepare" => await PrepareAsync(source, Val.ToText(args[0]), cancel),
                _ => await ExecAsync(Val.ToText(args[0]), Val.ToList(args[1]), cancel),
            };
        }
        catch (PgTypeException e) when (operation.Name is "query" or "exec")
        {
            return Failure(operation, "invalid-params", e.Message);
        }
        catch (PostgresException e) when (!e.SqlState.StartsWith("08", StringComparison.Ordinal) && !e.SqlState.StartsWith("57", StringComparison.Ordinal)
            && !e.SqlState.StartsWith("53", StringComparison.Ordinal) && !e.SqlState.StartsWith("58", StringComparison.Ordinal))
        {
            return Failure(operation, "invalid-query", $"{e.SqlState}: {e.MessageText}");
        }
        catch (PostgresException e)
        {
            // The server going away, out of resources or failing in itself is not the statement's fault.
            return Failure(operation, "unexpected", $"{e.SqlState}: {e.MessageText}");
        }
        catch (Exception e) when (e is NpgsqlException or PgTypeException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException
            or NotSupportedException or ArgumentException or InvalidCastException && !e.Message.Contains(UnloadedType, StringComparison.Ordinal))
        {
            return Failure(operation, "unexpected", e.Message);
        }
    }

    private static async Task<ComponentValue> QueryAsync(NpgsqlDataSource source, string sql, IReadOnlyList<ComponentValue> parameters, CancellationToken cancel)
    {
        await using var command = Command(source, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<ComponentValue>();
        do
        {
            while (await reader.ReadAsync(cancel))
            {
                var entries = new ComponentValue[reader.FieldCount];
                for (int i = 0; i < entries.Length; i++)
                    entries[i] = new RecordValue([("column-name", ComponentValue.String(reader.GetName(i))), ("value", PgColumns.Read(reader, i))]);
                rows.Add(new ListValue(entries));
            }
        } while (await reader.NextResultAsync(cancel));
        return new ListValue(rows);
    }

    private static async Task<ComponentValue> BatchAsync(NpgsqlDataSource source, string sql, CancellationToken cancel)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancel);
        return Val.Ok();
    }

    private async Task<ComponentValue> PrepareAsync(Func<Task<NpgsqlDataSource>> source, string statement, CancellationToken cancel)
    {
        var data = await source();
        // The statement is checked now, as upstream's provider prepares it at once: a bad one fails here.
        await using (var connection = await data.OpenConnectionAsync(cancel))
        await using (var check = new NpgsqlCommand(statement, connection))
        {
            try
            {
                await check.PrepareAsync(cancel);
            }
            catch (PostgresException e)
            {
                return Val.Error(new VariantValue("unexpected", ComponentValue.String($"{e.SqlState}: {e.MessageText}")));
            }
        }
        var token = Guid.NewGuid().ToString("N");
        _prepared[token] = (data, statement);
        return Val.Ok(ComponentValue.String(token));
    }

    private async Task<ComponentValue> ExecAsync(string token, IReadOnlyList<ComponentValue> parameters, CancellationToken cancel)
    {
        if (!_prepared.TryGetValue(token, out var prepared)) return Val.Error(new VariantValue("unknown-prepared-query", null));
        await using var command = Command(prepared.Source, prepared.Statement, parameters);
        var affected = await command.ExecuteNonQueryAsync(cancel);
        return Val.Ok(ComponentValue.U64((ulong)Math.Max(0, affected)));
    }

    private static NpgsqlCommand Command(NpgsqlDataSource source, string sql, IReadOnlyList<ComponentValue> parameters)
    {
        var command = source.CreateCommand(sql);
        for (int i = 0; i < parameters.Count; i++) command.Parameters.Add(PgParameters.Bind(parameters[i], i));
        return command;
    }

    private static ComponentValue Failure(Operation operation, string kind, string message) => operation.Name switch
    {
        "prepare" => Val.Error(new VariantValue("unexpected", ComponentValue.String(message))),
        "exec" => Val.Error(kind == "unexpected"
            ? new VariantValue("unexpected", ComponentValue.String(message))
            : new VariantValue("query-error", new VariantValue(kind, ComponentValue.String(message)))),
        _ => Val.Error(new VariantValue(kind, ComponentValue.String(message))),
    };
}
