using System.ComponentModel.DataAnnotations;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>Queue-level wrap-up settings Genesys copies onto each agent participant.</summary>
public sealed class AcwDefaults
{
    public bool WrapupRequired { get; set; } = true;

    /// <summary>mandatory | optional | timeout | forcedTimeout | agentRequested.</summary>
    [RegularExpression("^(mandatory|optional|timeout|forcedTimeout|agentRequested)$")]
    public string WrapupPrompt { get; set; } = "mandatory";

    [Range(0, 86_400_000)]
    public int WrapupTimeoutMs { get; set; } = 60_000;
}
