namespace WasmCloud.Host.Identity;

/// <summary>
/// A name people can say, as upstream's hosts carry beside their key: adjective-noun-NNNN (<c>quiet-harbor-4821</c>).
/// </summary>
internal static class FriendlyName
{
    private static readonly string[] Adjectives =
    [
        "amber", "ancient", "autumn", "billowing", "bitter", "bold", "brave", "bright", "broad", "calm", "clever", "cool",
        "crimson", "curly", "damp", "dawn", "delicate", "divine", "dry", "eager", "empty", "falling", "fancy", "fierce",
        "floral", "fragrant", "frosty", "gentle", "gleaming", "golden", "green", "hidden", "holy", "icy", "jolly", "late",
        "lingering", "little", "lively", "long", "lucky", "misty", "morning", "muddy", "nameless", "noisy", "odd", "old",
        "orange", "patient", "plain", "polished", "proud", "purple", "quiet", "rapid", "restless", "rough", "round", "royal",
        "shiny", "shrill", "shy", "silent", "small", "snowy", "soft", "solitary", "sparkling", "spring", "square", "steep",
        "still", "summer", "super", "sweet", "swift", "throbbing", "tight", "tiny", "twilight", "wandering", "weathered",
        "white", "wild", "winter", "wispy", "withered", "yellow", "young",
    ];

    private static readonly string[] Nouns =
    [
        "art", "band", "bar", "base", "bird", "block", "boat", "bonus", "bread", "breeze", "brook", "bush", "butterfly",
        "cake", "cell", "cherry", "cloud", "credit", "darkness", "dawn", "dew", "disk", "dream", "dust", "feather", "field",
        "fire", "firefly", "flower", "fog", "forest", "frog", "frost", "glade", "glitter", "grass", "hall", "harbor", "haze",
        "heart", "hill", "king", "lab", "lake", "leaf", "limit", "math", "meadow", "mode", "moon", "morning", "mountain",
        "mouse", "mud", "night", "paper", "pine", "poetry", "pond", "queen", "rain", "recipe", "resonance", "rice", "river",
        "salad", "scene", "sea", "shadow", "shape", "silence", "sky", "smoke", "snow", "snowflake", "sound", "star", "sun",
        "sunset", "surf", "term", "thunder", "tooth", "tree", "truth", "union", "unit", "violet", "voice", "water",
        "waterfall", "wave", "wildflower", "wind", "wood",
    ];

    public static string Generate(Random? random = null)
    {
        random ??= Random.Shared;
        return $"{Adjectives[random.Next(Adjectives.Length)]}-{Nouns[random.Next(Nouns.Length)]}-{random.Next(1, 10000):D4}";
    }
}
