using BenchmarkDotNet.Attributes;

namespace EventBridge.Bench;

/// <summary>BenchmarkDotNet view of the ingest row (<c>--bdn</c>): per batch of captured frames, EventBridge vs bare STJ.</summary>
[MemoryDiagnoser]
[InProcess]
public class IngestBenchmarks
{
    private IngestWork _work = null!;

    [GlobalSetup]
    public void Setup() => _work = new IngestWork(IngestCorpus.CaptureAsync(200).GetAwaiter().GetResult(), 10_000);

    [Benchmark(Baseline = true)]
    public int BareSystemTextJson() => _work.BareAll();

    [Benchmark]
    public int EventBridgeParseAndMatch() => _work.EventBridgeAll();
}
