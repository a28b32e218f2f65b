using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DkpFips.Completion;
using DkpFips.Core.Catalog;
using DkpFips.Core.Errors;
using DkpFips.Core.Registry;
using DkpFips.Core.Versioning;
using DkpFips.Infrastructure;

namespace DkpFips.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Tests that a registry serves every image of a FIPS build, over the OCI Distribution API.</para>
    /// </summary>
    // The default set is Build (as in Copy-FipsBuild): PowerShell binds a piped object in the
    // default set first, so a piped FipsBuild reaches -Build whole. In the KubernetesVersion set
    // its version would be looked up again in this command's catalog, which lacks the rows of
    // the -CatalogPath file Get-FipsBuild read (a row Export-FipsCatalog wrote, for one).
    [Cmdlet(VerbsDiagnostic.Test, "FipsBuild", DefaultParameterSetName = BuildSet, HelpUri = "https://github.com/dkpfips/DkpFips/blob/main/docs/Test-FipsBuild.md")]
    [OutputType(typeof(FipsBuildRegistryTest))]
    [OutputType(typeof(bool))]
    public sealed class TestFipsBuildCommand : RegistryCmdlet
    {
        private const string BuildSet = "Build";
        private const string VersionSet = "KubernetesVersion";

        private readonly List<FipsBuildDefinition> builds = new List<FipsBuildDefinition>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private FipsCatalog? catalog;
        private RegistryReference? mirror;

        /// <summary>Builds to test, from Get-FipsBuild.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BuildSet)]
        [ValidateNotNull]
        public FipsBuild[]? Build { get; set; }

        /// <summary>Kubernetes versions of catalog builds to test (1.23 tests every 1.23 build).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = VersionSet)]
        [ArgumentCompleter(typeof(KubernetesVersionCompleter))]
        [VersionText]
        [ValidateNotNullOrEmpty]
        public string[]? KubernetesVersion { get; set; }

        /// <summary>The registry (host[:port][/path]) to look in instead of the builds' own repositories.</summary>
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(RegistryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Registry { get; set; }

        /// <summary>Also check pause and CoreDNS, the upstream images kubeadm pulls from the same repository.</summary>
        [Parameter]
        public SwitchParameter IncludeUpstream { get; set; }

        /// <summary>Images checked at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Return only $true or $false per build.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            // The registry rules every registry cmdlet shares (RegistryCmdlet): a malformed
            // reference, or plain HTTP off loopback without -AllowInsecure, stops the command.
            if (Registry is not null)
            {
                mirror = ParseRegistry(Registry, nameof(Registry), terminating: true);
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == BuildSet)
            {
                foreach (var build in Build!)
                {
                    if (build is not null)
                    {
                        Add(build.Definition);
                    }
                }

                return;
            }

            catalog ??= LoadCatalog(null);
            var selector = new FipsBuildSelector(catalog);
            foreach (var text in KubernetesVersion!)
            {
                try
                {
                    // A line names the build the planners pick for it (New-DkpFipsCluster -KubernetesVersion
                    // 1.23), so a registry is tested for the images the clusters will pull.
                    foreach (var build in selector.FindAll(text, lineSelectsOne: true))
                    {
                        Add(build);
                    }
                }
                catch (BuildSelectionException ex)
                {
                    WriteError(ex, ex.RecommendedActionWithoutCatalogPath);
                }
            }
        }

        // Every image of every build is checked together in EndProcessing, so piping the whole
        // catalog runs its requests concurrently (within -ThrottleLimit) and shared images once.
        protected override void EndProcessing()
        {
            if (builds.Count == 0)
            {
                return;
            }

            var options = NewOptions(Credential, ThrottleLimit);

            IReadOnlyList<BuildRegistryCheck> results;
            using (var client = new RegistryClient(options))
            using (var finished = new BlockingCollection<(ImageCheckResult Result, int Done, int Total)>())
            {
                // The checks run on worker threads; their news comes back here, to the pipeline
                // thread, which alone may write verbose and progress records.
                var checking = new FipsBuildRegistryChecker(client)
                    .CheckAsync(builds, mirror, IncludeUpstream, CancellationToken, (result, done, total) => finished.Add((result, done, total)))
                    .ContinueWith(
                        task =>
                        {
                            finished.CompleteAdding();
                            return task;
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default)
                    .Unwrap();

                var progress = new ProgressRecord(1, "Test-FipsBuild", "Checking images at " + (mirror?.ToString() ?? "the builds' repositories"));
                foreach (var (result, done, total) in finished.GetConsumingEnumerable())
                {
                    WriteVerbose($"{result.Reference}: {result.Status}" + (result.Digest is null ? string.Empty : " " + result.Digest) + (result.Message is null ? string.Empty : " - " + result.Message));
                    progress.StatusDescription = $"{done} of {total} images checked";
                    progress.PercentComplete = total == 0 ? 100 : done * 100 / total;
                    WriteProgress(progress);
                }

                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                try
                {
                    results = checking.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    throw new PipelineStoppedException();
                }

                WriteVerbose($"{client.RequestCount} HTTP request(s) for {builds.Count} build(s).");
            }

            foreach (var result in results)
            {
                Report(result);
            }
        }

        private void Add(FipsBuildDefinition build)
        {
            if (!seen.Add(build.Key))
            {
                return;
            }

            try
            {
                // A catalog row with a repository that is not a registry reference cannot be checked.
                FipsBuildRegistryChecker.Locate(build, mirror, IncludeUpstream);
                builds.Add(build);
            }
            catch (RegistryReferenceFormatException ex)
            {
                WriteError(ex, ErrorKind.InvalidBuildRepository, build.ToString(),
                    "Fix the image repository of this row in its catalog file, or give -Registry.");
            }
        }

        private void Report(BuildRegistryCheck result)
        {
            var output = new FipsBuildRegistryTest(result);
            ReportFailedChecks(output);
            if (Quiet)
            {
                WriteObject(result.IsComplete);
                return;
            }

            var label = $"{output.Product} {output.DkpVersion} ({output.KubernetesVersion}) at {output.Registry}";
            var unauthorized = result.Images.Where(i => i.Result.Status == ImageCheckStatus.Unauthorized).ToArray();
            if (unauthorized.Length > 0)
            {
                WriteError(new UnauthorizedAccessException($"{label}: {unauthorized.Length} image(s) not authorized. {unauthorized[0].Result.Message}"),
                    ErrorKind.RegistryUnauthorized, output.Registry,
                    "Pass -Credential with a user that may pull from the registry.");
            }

            var failed = result.Images.Where(i => i.Result.Status == ImageCheckStatus.Error).ToArray();
            if (failed.Length > 0)
            {
                var timedOut = failed.All(i => i.Result.TimedOut);
                var message = $"{label}: {failed.Length} image(s) could not be checked. {failed[0].Result.Message}";
                WriteError(timedOut ? new TimeoutException(message) : new InvalidOperationException(message),
                    ErrorKind.RegistryRequestFailed, output.Registry,
                    "Check that the registry address is right and reachable; the Images property holds each image's message.");
            }

            WriteObject(output);
        }
    }
}
