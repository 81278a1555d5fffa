using WasmCloud.Lattice.Wadm;
using WasmCloud.Wadm.Scaling;

namespace WasmCloud.Wadm.Tests;

/// <summary>The arithmetic wadm shares with upstream: spreads by weight, IDs it derives, and the sum of statuses.</summary>
public sealed class ScalerMathTests
{
    private static Spread S(string name, uint? weight) => new(name, new SortedDictionary<string, string>(StringComparer.Ordinal), weight);

    [Theory]
    [InlineData(6, new[] { 80, 20 }, new[] { 5, 1 })]
    [InlineData(10, new[] { 80, 20 }, new[] { 8, 2 })]
    [InlineData(3, new[] { 80, 20 }, new[] { 3, 0 })]
    [InlineData(7, new[] { 50, 50 }, new[] { 4, 3 })]
    [InlineData(5, new[] { 100, 100, 100 }, new[] { 2, 2, 1 })]
    [InlineData(4, new[] { 20, 80 }, new[] { 0, 4 })]
    [InlineData(0, new[] { 80, 20 }, new[] { 0, 0 })]
    public void Instances_divide_by_weight_with_the_remainder_to_the_heaviest(int instances, int[] weights, int[] expected)
    {
        var spreads = weights.Select((w, i) => S($"s{i}", (uint)w)).ToList();
        var result = SpreadMath.Compute(new ScalerProperties((uint)instances, spreads)).ToDictionary(r => r.Spread.Name, r => (int)r.Count);
        Assert.Equal(expected, weights.Select((_, i) => result[$"s{i}"]));
    }

    [Fact]
    public void A_missing_weight_counts_as_100_and_no_spreads_is_one_default_spread()
    {
        var result = SpreadMath.Compute(new ScalerProperties(4, [S("a", null), S("b", 300)]));
        Assert.Equal([("b", 3u), ("a", 1u)], result.Select(r => (r.Spread.Name, r.Count)));
        var single = Assert.Single(SpreadMath.Compute(new ScalerProperties(4, [])));
        Assert.Equal(("default", 4u), (single.Spread.Name, single.Count));
    }

    [Fact]
    public void A_spread_share_divides_evenly_over_hosts_keeping_the_extra_where_it_runs()
    {
        Assert.Equal(new Dictionary<string, uint> { ["a"] = 2, ["b"] = 2, ["c"] = 1 }, SpreadMath.Divide(5, [("a", 0), ("b", 0), ("c", 0)]));
        Assert.Equal(new Dictionary<string, uint> { ["c"] = 2, ["a"] = 2, ["b"] = 1 }, SpreadMath.Divide(5, [("a", 1), ("b", 0), ("c", 5)]));
        Assert.Empty(SpreadMath.Divide(3, []));
    }

    [Theory]
    [InlineData("mymodel", "myid", "echo", "myid")]
    [InlineData("some model name with spaces cause yaml", "myid", " echo ", "myid")]
    [InlineData("mymodel", null, "echo-component", "mymodel-echo_component")]
    [InlineData("some model name with spaces cause yaml", null, "echo", "some_model_name_with_spaces_cause_yaml-echo")]
    [InlineData("My ThInG", null, "thing.wasm", "my_thing-thing_wasm")]
    public void Component_ids_are_derived_as_upstream_derives_them(string app, string? id, string name, string expected) =>
        Assert.Equal(expected, AppIds.ComponentId(app, new ManifestComponent { Name = name, Id = id, Image = "x" }));

    [Theory]
    [InlineData("deployed,deployed", "deployed")]
    [InlineData("undeployed,undeployed", "undeployed")]
    [InlineData("undeployed,failed", "failed")]
    [InlineData("reconciling,undeployed", "undeployed")]
    [InlineData("deployed,undeployed", "undeployed")]
    [InlineData("deployed,reconciling,undeployed,failed", "failed")]
    [InlineData("deployed,unhealthy", "unhealthy")]
    [InlineData("reconciling,unhealthy", "reconciling")]
    [InlineData("", "undeployed")]
    [InlineData("compensating,ready", "reconciling")]
    public void Statuses_sum_as_upstream_sums_them(string inputs, string expected) =>
        Assert.Equal(expected, StatusType.Sum(inputs.Split(',', StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void An_app_status_joins_its_scalers_messages()
    {
        var status = AppStatus.Of([
            new ScalerStatus { Id = "1", Kind = "SpreadScaler", Name = "a", Status = StatusInfo.Of(StatusType.Reconciling, " Scaling component on 1 host(s) ") },
            new ScalerStatus { Id = "2", Kind = "LinkScaler", Name = "b", Status = StatusInfo.Of(StatusType.Deployed) },
            new ScalerStatus { Id = "3", Kind = "ConfigScaler", Name = "c", Status = StatusInfo.Of(StatusType.Reconciling, "Putting config c") },
        ]);
        Assert.Equal(StatusType.Reconciling, status.Info.Type);
        Assert.Equal("Scaling component on 1 host(s), Putting config c", status.Info.Message);
    }
}
