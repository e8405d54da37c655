// Test classes start real clusters and processes; on a 2-core machine running them one at a time
// keeps timings predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
