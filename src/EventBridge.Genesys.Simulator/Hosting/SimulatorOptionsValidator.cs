using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace EventBridge.Genesys.Simulator.Hosting;

/// <summary>Validates the options and their nested parts; DataAnnotations alone does not recurse.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="ValidationException"/> naming every invalid setting.</summary>
    public static void Validate(SimulatorOptions options)
    {
        var failures = Failures(options).ToList();
        if (failures.Count > 0)
            throw new ValidationException($"Invalid simulator options: {string.Join(" ", failures)}");
    }

    private static IEnumerable<string> Failures(SimulatorOptions options)
    {
        object[] parts = [options, options.DefaultAcw, .. options.Clients];
        foreach (var part in parts)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(part, new ValidationContext(part), results, validateAllProperties: true);
            foreach (var result in results)
                yield return $"{SimulatorOptions.SectionName}: {result.ErrorMessage}";
        }
    }
}
