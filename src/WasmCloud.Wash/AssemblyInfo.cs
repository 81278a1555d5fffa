using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("WasmCloud.Wash.Tests")]
