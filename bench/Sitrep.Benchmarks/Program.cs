using BenchmarkDotNet.Running;
using Sitrep.Benchmarks;

if (BenchmarkCorpus.Ewt("train") is null)
{
    Console.Error.WriteLine("sitrep-bench: ../shared/corpora/ud-english-ewt is absent beside the repository; the benchmarks read it by path, so they are skipped.");
    return 0;
}
if (args.Length > 0 && args[0] == "generate-store")
{
    // Builds (or completes) the 1,000,000-event store QueryBenchmarks reads, outside BenchmarkDotNet's time limits.
    QueryBenchmarks.EnsureStore();
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkCorpus).Assembly).Run(args);
return 0;
